import Foundation

/// The PyLTI1p3 + Flask comparison tool (`scripts/bench/pylti/tool.py`) in a child process, for
/// `badged bench launch --pylti-python`: its CPU, gunicorn's master and worker together, is read
/// from `/proc` as badged's is.
struct PyLTIProcess {
    let process: Process
    /// Where it listens, e.g. `http://127.0.0.1:40123`.
    let url: String
    /// The server it runs under, as the tool reports it (e.g. "gunicorn 23.0.0, 1 worker x 8 threads").
    let server: String

    /// Starts `python script` for the platform `issuer` whose key set is at `jwksURL`, and waits
    /// for its "pylti listening on <url> (<server>)" line.
    static func start(python: URL, script: URL, issuer: String, jwksURL: String) async throws -> PyLTIProcess {
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw BenchmarkError(.setup, "no PyLTI1p3 tool at \(script.path) (run badged from the repository, or pass its path)")
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path, "--issuer", issuer, "--jwks-url", jwksURL]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let line = await ChildOutput.firstLine(of: output)
        guard let range = line.range(of: "pylti listening on ") else {
            process.terminate()
            process.waitUntilExit()
            let status = process.terminationStatus
            throw BenchmarkError(.setup, "the PyLTI1p3 tool did not start (exit status \(status)); run scripts/bench/pylti/setup.sh")
        }
        let rest = line[range.upperBound...]
        let url = String(rest.prefix { $0 != " " })
        let server = rest.drop { $0 != "(" }.dropFirst().prefix { $0 != ")" }
        return PyLTIProcess(process: process, url: url, server: String(server))
    }

    /// The tool's CPU time so far (user plus system, master and workers), from `/proc`.
    func cpuSeconds() throws -> Double {
        try ProcessTreeCPU(pid: process.processIdentifier).seconds()
    }

    /// Stops the tool (SIGINT: gunicorn's quick shutdown, which does not wait for idle
    /// keep-alive connections; SIGKILL to master and workers if it still runs after five
    /// seconds) and waits for it.
    func stop() {
        let workers = ProcessTreeCPU(pid: process.processIdentifier).descendants()
        process.interrupt()
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
        if process.isRunning {
            for pid in [process.processIdentifier] + workers { kill(pid, SIGKILL) }
        }
        process.waitUntilExit()
    }
}
