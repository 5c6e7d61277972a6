import BadgeIssuing
import BadgeTesting
import Foundation
import OpenBadges
import Primitives

/// The kit's fixture issuer as a child process on a free port.
enum FixtureIssuer {
    /// Runs the fixture server for the duration of `body`, passing it the server's index
    /// (`base`, `hosted` URLs, `jws` tokens, `recipients`).
    static func withRunning<T: Sendable>(_ body: @Sendable (JSONValue) async throws -> T) async throws -> T {
        guard FileManager.default.isExecutableFile(atPath: OB2Verifier.python) else {
            throw TestSetupError("the Open Badges verifier kit is not set up: run ../shared/ob2/setup.sh (scripts/test.sh does)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: OB2Verifier.python)
        process.arguments = ["fixture_server.py", "serve", "--port", "0", "--duration", "300"]
        process.currentDirectoryURL = SamplePaths.shared.appending(path: "ob2")
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        // SIGKILL: the test runner's blocked signal mask (SIGTERM included) is inherited by the child.
        defer { kill(process.processIdentifier, SIGKILL) }
        let index = try await readIndex(from: pipe.fileHandleForReading)
        return try await body(index)
    }

    /// Reads the pretty-printed index JSON (it ends with a line "}") on a thread of its own, so
    /// no Swift concurrency thread blocks on the pipe.
    private static func readIndex(from handle: FileHandle) async throws -> JSONValue {
        let text: String = try await withCheckedThrowingContinuation { continuation in
            Thread {
                var data = Data()
                while !(String(decoding: data, as: UTF8.self).hasSuffix("\n}\n")) {
                    let chunk = handle.availableData
                    if chunk.isEmpty || data.count > 1 << 20 {
                        return continuation.resume(throwing: TestSetupError("the fixture server exited before printing its index"))
                    }
                    data.append(chunk)
                }
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }.start()
        }
        return try JSONValue.decode(Data(text.utf8))
    }
}
