public import Foundation

/// `badged serve` in a child process, for benchmarks that must tell the daemon's CPU apart from
/// the load generator's (the in-process platform signing id_tokens, the HTTP client playing the
/// browsers): its CPU is read from `/proc/<pid>/stat`, as an operator's tools would.
struct DaemonProcess {
    let process: Process
    /// Where it listens, e.g. `http://127.0.0.1:40123`.
    let url: String

    /// Starts `executable serve` with `environment` (configuration as `BADGED_*` variables, so
    /// that no secret shows in the process list) and waits for its "listening" line.
    static func start(executable: URL, environment: [String: String]) async throws -> DaemonProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve"]
        var inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BADGED_") }
        inherited.merge(environment) { $1 }
        // No configuration file of the working directory applies.
        inherited["BADGED_CONFIG_FILE"] = "/nonexistent/badged-bench.json"
        process.environment = inherited
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let line = await ChildOutput.firstLine(of: output)
        let url = line.range(of: "badged listening on ").map { String(line[$0.upperBound...]) }
        guard let url else {
            process.terminate()
            throw BenchmarkError(.setup, "the daemon did not start (exit status \(process.isRunning ? -1 : process.terminationStatus))")
        }
        return DaemonProcess(process: process, url: url)
    }

    /// The daemon's CPU time so far (user plus system, with any child processes), from `/proc`.
    func cpuSeconds() throws -> Double {
        try ProcessTreeCPU(pid: process.processIdentifier).seconds()
    }

    /// Stops the daemon (SIGTERM, a graceful shutdown) and waits for it.
    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
