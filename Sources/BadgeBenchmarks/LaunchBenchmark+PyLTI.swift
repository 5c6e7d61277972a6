public import Foundation

extension LaunchBenchmark {
    /// Measures the PyLTI1p3 2.0 + Flask tool (`scripts/bench/pylti/tool.py`) exactly as badged
    /// is measured: the same platform, driver, warm-up, number of flows and concurrency, and its
    /// CPU (gunicorn's master and worker) read from `/proc`.
    /// - Parameters:
    ///   - python: The interpreter of a venv made by `scripts/bench/pylti/setup.sh`.
    ///   - script: The tool.
    /// - Returns: The figures, labelled with the server the tool runs under.
    /// - Throws: ``BenchmarkError`` when the tool does not start, refuses a valid launch, does
    ///   not render its page, or accepts a forged id_token.
    public func runPyLTI(python: URL, script: URL) async throws -> Result {
        try await LaunchPlatform.withRunning(logger: logger) { platform in
            try await withClient { client in
                let tool = try await PyLTIProcess.start(python: python, script: script, issuer: platform.issuer, jwksURL: platform.jwksURL)
                defer { tool.stop() }
                let driver = LaunchDriver(client: client, tool: .pyLTI(at: tool.url), issuer: platform.issuer, key: platform.key)
                return try await measure(label: "PyLTI1p3 2.0 + Flask (\(tool.server))", driver: driver, cpuSeconds: tool.cpuSeconds)
            }
        }
    }
}
