public import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
/// the browser reads commands on fd 3 and writes answers and events on fd 4, each a JSON text
/// ended by a NUL byte), for tests that click through pages as a person does: one profile, so
/// cookies a page sets are sent on the next, and forms are submitted by clicking their buttons.
///
/// Pipe reads run on a thread of their own with plain `read(2)` (retried on EINTR), not through
/// Foundation's file handles, which crash the test process when a signal interrupts a read.
public final class ChromiumDevTools: Sendable {
    private let pid: pid_t
    private let commands: Int32
    private let answers: Int32
    private let profile: URL
    private let state = Mutex<State>(State())

    private struct State {
        var nextID = 1
        var replies: [Int: Data] = [:]
        var loads = 0
        var closed = false
    }

    /// Starts Chromium with a fresh profile and opens one blank page.
    public static func start() async throws -> ChromiumDevTools {
        _ = try HeadlessBrowser()
        let tools = try ChromiumDevTools()
        do {
            try await tools.prepare()
        } catch {
            tools.close()
            throw error
        }
        return tools
    }

    private init() throws {
        profile = FileManager.default.temporaryDirectory.appending(path: "badged-devtools-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        // Both pipes close on exec in this process (other tests spawn children too) and sit above
        // fd 4, so that dup2 onto 3 and 4 in the child cannot clobber one with the other.
        func highPipe() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw TestSetupError("pipe2 failed: \(errno)") }
            let read = fcntl(fds[0], F_DUPFD_CLOEXEC, 10), write = fcntl(fds[1], F_DUPFD_CLOEXEC, 10)
            Glibc.close(fds[0])
            Glibc.close(fds[1])
            return (read, write)
        }
        let toBrowser = try highPipe(), fromBrowser = try highPipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toBrowser.read, 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser.write, 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var arguments = [
            HeadlessBrowser.executable, "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-dev-shm-usage", "--remote-debugging-pipe", "--user-data-dir=\(profile.path)", "--window-size=1280,900", "about:blank",
        ]
        if getuid() == 0 { arguments.append("--no-sandbox") }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // A process group of its own, so that closing ends Chromium's helper processes too
        // (they write into the profile and leave their own temporary files behind otherwise).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var child: pid_t = 0
        let environment = ProcessInfo.processInfo.environment.merging(try HeadlessBrowser.temporaryFiles(in: profile)) { $1 }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        let spawned = posix_spawn(&child, HeadlessBrowser.executable, &actions, &attributes, argv, envp)
        Glibc.close(toBrowser.read)
        Glibc.close(fromBrowser.write)
        guard spawned == 0 else {
            Glibc.close(toBrowser.write)
            Glibc.close(fromBrowser.read)
            throw TestSetupError("chromium did not start: \(spawned)")
        }
        pid = child
        commands = toBrowser.write
        answers = fromBrowser.read
        startReading()
    }

    private let pageSession = Mutex<String?>(nil)

    private func prepare() async throws {
        let created = try await send("Target.createTarget", ["url": "about:blank"], session: nil)
        guard let target = created["targetId"] as? String else { throw TestSetupError("no target: \(created)") }
        let attached = try await send("Target.attachToTarget", ["targetId": target, "flatten": true], session: nil)
        guard let id = attached["sessionId"] as? String else { throw TestSetupError("no session: \(attached)") }
        pageSession.withLock { $0 = id }
        _ = try await send("Page.enable", [:])
    }

    private func startReading() {
        let fd = answers
        let thread = Thread { [self] in
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                pending.append(contentsOf: buffer[0..<count])
                while let end = pending.firstIndex(of: 0) {
                    let message = Data(pending[pending.startIndex..<end])
                    pending.removeSubrange(pending.startIndex...end)
                    deliver(message)
                }
            }
            state.withLock { $0.closed = true }
        }
        thread.start()
    }

    private func deliver(_ message: Data) {
        guard let object = (try? JSONSerialization.jsonObject(with: message)) as? [String: Any] else { return }
        let id = object["id"] as? Int
        let isLoad = object["method"] as? String == "Page.loadEventFired"
        state.withLock { state in
            if let id {
                state.replies[id] = message
            } else if isLoad {
                state.loads += 1
            }
        }
    }

    /// Sends a command (to the page unless `session` is given) and waits for its answer.
    /// - Throws: when the browser answers with an error or not within 60 seconds.
    @discardableResult
    public func send(_ method: String, _ params: [String: Any] = [:], session: String?? = .none) async throws -> [String: Any] {
        let target: String? =
            switch session {
            case .none: pageSession.withLock { $0 }
            case .some(let explicit): explicit
            }
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        var command: [String: Any] = ["id": id, "method": method, "params": params]
        if let target { command["sessionId"] = target }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: command))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(commands, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { throw TestSetupError("the browser's pipe closed") }
            written += result
        }
        for _ in 0..<6_000 {
            let (reply, closed) = state.withLock { state in (state.replies.removeValue(forKey: id), state.closed) }
            if let data = reply {
                let reply = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
                if let error = reply["error"] { throw TestSetupError("\(method) failed: \(error)") }
                return reply["result"] as? [String: Any] ?? [:]
            }
            if closed { throw TestSetupError("the browser closed before answering \(method)") }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TestSetupError("no answer to \(method) within 60 seconds")
    }

    /// Runs `action` and waits until the page it leads to has loaded.
    public func waitingForLoad(_ action: () async throws -> Void) async throws {
        let before = state.withLock { $0.loads }
        try await action()
        for _ in 0..<6_000 {
            if state.withLock({ $0.loads }) > before { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TestSetupError("the page did not load within 60 seconds")
    }

    /// Opens `url` in the page and waits until it has loaded.
    public func open(_ url: String) async throws {
        try await waitingForLoad { try await send("Page.navigate", ["url": url]) }
    }

    /// Clicks the element `selector` names (a form's button) and waits for the next page.
    public func click(_ selector: String) async throws {
        let script = "(() => { const e = document.querySelector(\(Self.quoted(selector))); if (!e) return false; e.click(); return true; })()"
        try await waitingForLoad {
            let result = try await send("Runtime.evaluate", ["expression": script, "returnByValue": true])
            guard (result["result"] as? [String: Any])?["value"] as? Bool == true else { throw TestSetupError("nothing matches \(selector)") }
        }
    }

    /// Types `text` into the field `selector` names.
    public func fill(_ selector: String, with text: String) async throws {
        let script =
            "(() => { const e = document.querySelector(\(Self.quoted(selector))); if (!e) return false; e.value = \(Self.quoted(text)); return true; })()"
        let result = try await send("Runtime.evaluate", ["expression": script, "returnByValue": true])
        guard (result["result"] as? [String: Any])?["value"] as? Bool == true else { throw TestSetupError("nothing matches \(selector)") }
    }

    /// The page's current DOM, serialised as HTML.
    public func html() async throws -> String {
        let result = try await send("Runtime.evaluate", ["expression": "document.documentElement.outerHTML", "returnByValue": true])
        return (result["result"] as? [String: Any])?["value"] as? String ?? ""
    }

    /// The page's URL.
    public func location() async throws -> String {
        let result = try await send("Runtime.evaluate", ["expression": "location.href", "returnByValue": true])
        return (result["result"] as? [String: Any])?["value"] as? String ?? ""
    }

    /// A PNG screenshot of the page as it is.
    public func screenshot(to file: URL) async throws {
        let result = try await send("Page.captureScreenshot", ["format": "png"])
        guard let data = (result["data"] as? String).flatMap({ Data(base64Encoded: $0) }) else { throw TestSetupError("no screenshot") }
        try data.write(to: file)
    }

    /// Ends the browser with its helper processes and removes its profile: asked to quit
    /// first (so it removes its temporary files), killed after two seconds.
    public func close() {
        Glibc.close(commands)
        kill(-pid, SIGTERM)
        var status: Int32 = 0
        var ended = false
        for _ in 0..<200 where !ended {
            ended = waitpid(pid, &status, WNOHANG) == pid
            if !ended { usleep(10_000) }
        }
        kill(-pid, SIGKILL)
        if !ended { waitpid(pid, &status, 0) }
        Glibc.close(answers)
        try? FileManager.default.removeItem(at: profile)
    }

    private static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
