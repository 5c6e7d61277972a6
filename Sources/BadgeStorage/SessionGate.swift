/// An asynchronous mutex: one holder at a time, waiters resumed in arrival order.
///
/// SQLite runs on one connection, and a transaction on a connection must not interleave with
/// another task's statements, so every SQLite session passes through this gate.
actor SessionGate {
    private var isHeld = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func withHold<R: Sendable>(_ body: @Sendable () async throws -> R) async throws -> R {
        await acquire()
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }

    private func acquire() async {
        if !isHeld {
            isHeld = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            isHeld = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
