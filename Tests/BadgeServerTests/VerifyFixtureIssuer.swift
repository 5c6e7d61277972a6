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
        // Its output goes to a file, polled: a pipe read that a signal interrupts crashes
        // Foundation's FileHandle reads.
        let output = FileManager.default.temporaryDirectory.appending(path: "badged-fixture-\(UUID().uuidString).json")
        try Data().write(to: output)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        // SIGKILL: the test runner's blocked signal mask (SIGTERM included) is inherited by the child.
        defer { kill(process.processIdentifier, SIGKILL) }
        let index = try await readIndex(from: output, while: process)
        return try await body(index)
    }

    /// Waits for the pretty-printed index JSON (it ends with a line "}") in `file`.
    private static func readIndex(from file: URL, while process: Process) async throws -> JSONValue {
        for _ in 0..<600 {
            let data = try Data(contentsOf: file)
            if String(decoding: data, as: UTF8.self).hasSuffix("\n}\n") { return try JSONValue.decode(data) }
            guard process.isRunning, data.count < 1 << 20 else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError("the fixture server exited or never printed its index")
    }
}
