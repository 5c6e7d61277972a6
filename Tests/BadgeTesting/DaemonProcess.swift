public import Foundation
import NIOCore
import NIOHTTP1

/// The real `badged` executable as a child process, for tests that crash it with `kill -9`.
///
/// `swift test` builds the executable next to the test bundle; the path is found from there.
public final class DaemonProcess: @unchecked Sendable {
    // Process is not Sendable; this class only starts it once and then signals and awaits it.
    private let process: Process
    /// `http://127.0.0.1:<port>`.
    public let baseURL: String

    private init(process: Process, baseURL: String) {
        self.process = process
        self.baseURL = baseURL
    }

    /// The `badged` executable built beside the running test bundle.
    public static func executableURL() throws -> URL {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
            let url = candidate.appending(path: "badged")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw TestSetupError("no badged executable beside \(bundleDirectory.path); build it with `swift build` first")
    }

    /// Starts `badged serve` on `databaseURL` at a free port and waits until /healthz answers.
    /// - Parameters:
    ///   - flags: more configuration flags, e.g. `["--signing-mode", "signed"]`.
    ///   - environment: more environment variables (secrets go here, not in flags).
    public static func start(databaseURL: String, flags: [String] = [], environment: [String: String] = [:]) async throws -> DaemonProcess {
        let port = try FreePort.make()
        let process = Process()
        process.executableURL = try executableURL()
        process.arguments = ["serve", "--db-url", databaseURL, "--http-port", String(port), "--log-level", "error"] + flags
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let daemon = DaemonProcess(process: process, baseURL: "http://127.0.0.1:\(port)")
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw TestSetupError("badged exited with status \(process.terminationStatus) at start") }
            if (try? await LiveApp.connect(to: daemon.baseURL) { try await $0.send(.GET, "/healthz", timeout: .seconds(2)).status }) == 200 {
                return daemon
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        daemon.kill()
        throw TestSetupError("badged did not answer /healthz within 60 s")
    }

    /// Ends the process at once with SIGKILL, as a crash or `kill -9` would.
    public func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Asks the process to shut down (SIGTERM), and kills it if it has not ended within five
    /// seconds (a child can inherit a signal mask that blocks SIGTERM from the test runner).
    public func stop() async {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        kill()
    }

    deinit {
        kill()
    }
}
