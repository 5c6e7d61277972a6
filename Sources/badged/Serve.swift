import ArgumentParser
import BadgeServer
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus

/// `badged serve`: runs the daemon until SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the daemon (default: SQLite under ./.data on 127.0.0.1:8080).",
        discussion: "Configuration flags such as --http-port 9000 or --db-url postgres://… are passed on; see Config/README.md."
    )

    @Argument(parsing: .allUnrecognized, help: "Configuration flags, e.g. --http-port 9000.")
    var configurationFlags: [String] = []

    func validate() throws {
        // `serve` is the default subcommand: refuse a stray word (a mistyped subcommand) instead
        // of starting the daemon with it.
        if let first = configurationFlags.first, !first.hasPrefix("--") {
            throw ValidationError("unknown command or argument '\(first)'; see badged --help")
        }
    }

    func run() async throws {
        let reader = try await ConfigurationLoader.reader(arguments: ["badged"] + configurationFlags)
        let level = try AppConfiguration(reader: reader).logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let dependencies = AppDependencies(metrics: registry, logger: Logger(label: "badged")) { url in
            // stdout may be a pipe: write unbuffered so that supervisors see the line at once.
            FileHandle.standardOutput.write(Data("badged listening on \(url)\n".utf8))
        }
        let app = try await buildApplication(reader: reader, dependencies: dependencies)
        try await app.runService()
    }
}
