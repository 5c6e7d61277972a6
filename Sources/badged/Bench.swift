import ArgumentParser
import BadgeBenchmarks
import BadgeServer
import Foundation
import Logging

/// `badged bench launch`: validated LTI launches per second and latency, on SQLite and
/// (with --postgres-url) PostgreSQL, from one run. Build with `-c release` for real figures.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure badged.", subcommands: [Launch.self, Issue.self, Outcomes.self, Stack.self, EDCI.self])

    /// Runs `measure` on a fresh SQLite file, then, when a server is given, on a fresh PostgreSQL
    /// database (created and dropped), handing each result to `report` as soon as it is in.
    /// - Returns: the SQLite result and the PostgreSQL one.
    static func onEachEngine<Result: Sendable>(
        postgresURL: String?,
        measure: (_ databaseURL: String, _ engine: String) async throws -> Result,
        report: (Result) -> Void
    ) async throws -> (sqlite: Result, postgres: Result?) {
        let directory = FileManager.default.temporaryDirectory.appending(path: "badged-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sqlite = try await measure("sqlite:\(directory.appending(path: "bench.sqlite").path)", "sqlite")
        report(sqlite)
        guard let postgresURL else { return (sqlite, nil) }
        let postgres = try await BenchDatabase.withPostgres(serverURL: postgresURL) { try await measure($0, "postgres") }
        report(postgres)
        return (sqlite, postgres)
    }

    struct Launch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Full LTI login + launch throughput and latency.")

        @Option(help: "Login + launch pairs per engine.") var launches = 2000
        @Option(help: "Concurrent browsers.") var concurrency = 16
        @Option(help: "The daemon's log level (trace shows each SQL statement).") var daemonLogLevel = "error"
        @Option(help: "A PostgreSQL server URL to measure on as well (a database badged_bench_* is created and dropped).")
        var postgresURL: String?
        @Option(help: "The catalogue to seed.") var catalog = "Samples/catalog/universiteit-harderwijk.json"
        @Option(
            help: """
                The Python of a PyLTI1p3 venv (scripts/bench/pylti/setup.sh makes /tmp/pylti-venv): after badged, the same \
                launches run against PyLTI1p3 2.0 + Flask under gunicorn, and the CPU ratio is printed.
                """
        )
        var pyltiPython: String?
        @Option(help: "The PyLTI1p3 tool that --pylti-python runs.") var pyltiScript = "scripts/bench/pylti/tool.py"

        func run() async throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: catalog))
            let bench = LaunchBenchmark(
                launches: launches,
                concurrency: concurrency,
                executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
                daemonLogLevel: daemonLogLevel,
                logger: CLILogging.logger
            )
            let results = try await Bench.onEachEngine(postgresURL: postgresURL) { url, engine in
                try await bench.run(databaseURL: url, engine: engine, catalog: data)
            } report: { print($0) }
            if let postgres = results.postgres {
                print(String(format: "postgres/sqlite throughput ratio: %.2f", postgres.launchesPerSecond / results.sqlite.launchesPerSecond))
            }
            guard let pyltiPython else { return }
            let pylti = try await bench.runPyLTI(python: URL(fileURLWithPath: pyltiPython), script: URL(fileURLWithPath: pyltiScript))
            print(pylti)
            for badged in [results.sqlite, results.postgres].compactMap({ $0 }) {
                print(
                    String(
                        format: "PyLTI1p3/badged (%@) CPU per launch: %.2f× (%.3f ms / %.3f ms); launches/s PyLTI1p3/badged: %.2f×",
                        badged.label,
                        pylti.toolCPUMilliseconds / badged.toolCPUMilliseconds,
                        pylti.toolCPUMilliseconds,
                        badged.toolCPUMilliseconds,
                        pylti.launchesPerSecond / badged.launchesPerSecond
                    )
                )
            }
            // What a tenfold margin would leave, against what two bare requests cost badged.
            for badged in [results.sqlite, results.postgres].compactMap({ $0 }) {
                print(
                    String(
                        format: "10× below PyLTI1p3 is %.3f ms per launch; badged's floor of two bare requests (%@) is %.3f ms, %.0f %% of that",
                        pylti.toolCPUMilliseconds / 10,
                        badged.label,
                        badged.floorCPUMilliseconds,
                        badged.floorCPUMilliseconds / (pylti.toolCPUMilliseconds / 10) * 100
                    )
                )
            }
        }
    }

    struct Outcomes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Grades to signed assertions (all passing, vs. concurrent single awards), 90 % not passing, and a course sync over loopback."
        )

        @Option(help: "Passing grades (and concurrent single awards) per engine.") var passing = 1000
        @Option(help: "Grades of which 90 % do not pass.") var mixed = 20_000
        @Option(help: "Students in the synced course.") var students = 1000
        @Option(help: "A PostgreSQL server URL to measure on as well.") var postgresURL: String?
        @Option(help: "The catalogue to seed.") var catalog = "Samples/catalog/universiteit-harderwijk.json"

        func run() async throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: catalog))
            let bench = OutcomeBenchmark(passing: passing, mixed: mixed, students: students, logger: CLILogging.logger)
            _ = try await Bench.onEachEngine(postgresURL: postgresURL) { url, engine in
                try await bench.run(databaseURL: url, engine: engine, catalog: data)
            } report: { print($0) }
        }
    }

    struct Stack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What stacking adds to a signed award (rules on vs. off, outbox delivered), and a cohort evaluated against every rule."
        )

        // 2,000 per phase: phases of 500 lasted half a second, and the outbox's last deliveries
        // after the awards swung the ratio by ±15 points from run to run.
        @Option(help: "Timed signed awards per engine (a quarter per phase: off, on, on, off).") var awards = 8000
        @Option(help: "Recipients in the cohort (one to five components each).") var recipients = 100_000
        @Option(help: "Component badge classes.") var components = 100
        @Option(help: "Composite badge classes, each with a rule over seven components.") var composites = 20
        @Option(help: "A PostgreSQL server URL to measure on as well.") var postgresURL: String?
        @Option(help: "The catalogue whose first regular badge class is copied.") var catalog = "Samples/catalog/universiteit-harderwijk.json"

        func run() async throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: catalog))
            let bench = StackBenchmark(
                awards: awards,
                recipients: recipients,
                components: components,
                composites: composites,
                logger: CLILogging.logger
            )
            _ = try await Bench.onEachEngine(postgresURL: postgresURL) { url, engine in
                try await bench.run(databaseURL: url, engine: engine, catalog: data)
            } report: { print($0) }
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Raw RS256 signing vs. signed awards end to end, and a large batch.")

        @Option(help: "Single awards to time per engine.") var awards = 1000
        @Option(help: "Recipients in the batch.") var batch = 10_000
        @Option(help: "A PostgreSQL server URL to measure on as well.") var postgresURL: String?
        @Option(help: "The catalogue to seed.") var catalog = "Samples/catalog/universiteit-harderwijk.json"

        func run() async throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: catalog))
            let bench = IssueBenchmark(awards: awards, batchSize: batch, logger: CLILogging.logger)
            let raw = try await bench.rawSignaturesPerSecond()
            print(
                String(
                    format: "raw RS256 signatures/s: %.0f on one core, %.0f on %d cores",
                    raw.oneCore,
                    raw.allCores,
                    ProcessInfo.processInfo.activeProcessorCount
                )
            )
            let results = try await Bench.onEachEngine(postgresURL: postgresURL) { url, engine in
                try await bench.run(databaseURL: url, engine: engine, catalog: data)
            } report: { result in
                print(result)
                Self.printRatios(result, raw: raw)
            }
            if let postgres = results.postgres {
                let sqlite = results.sqlite
                print(
                    String(
                        format: "postgres/sqlite ratio: single %.2f, concurrent %.2f, batch %.2f",
                        postgres.awardsPerSecond / sqlite.awardsPerSecond,
                        postgres.concurrentAwardsPerSecond / sqlite.concurrentAwardsPerSecond,
                        postgres.batchAwardsPerSecond / sqlite.batchAwardsPerSecond
                    )
                )
            }
        }

        static func printRatios(_ result: IssueBenchmark.Result, raw: (oneCore: Double, allCores: Double)) {
            print(
                String(
                    format:
                        "%@ end to end / raw signing (one core | all cores): single %.0f %% | %.0f %%, concurrent %.0f %% | %.0f %%, batch %.0f %% | %.0f %%",
                    result.engine,
                    100 * result.awardsPerSecond / raw.oneCore,
                    100 * result.awardsPerSecond / raw.allCores,
                    100 * result.concurrentAwardsPerSecond / raw.oneCore,
                    100 * result.concurrentAwardsPerSecond / raw.allCores,
                    100 * result.batchAwardsPerSecond / raw.oneCore,
                    100 * result.batchAwardsPerSecond / raw.allCores
                )
            )
        }
    }

    struct EDCI: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edci",
            abstract: "EDCI credentials exported+signed+validated and imported+verified per second, on one core."
        )

        @Option(help: "Exports and imports to time.") var iterations = 2000
        @Option(help: "The EDCI XSD directory.") var schemaDir = "../shared/edci/xsd"
        @Option(help: "The directory of EDCI sample credentials (each *.xml in it).") var samples = "../shared/edci/samples"

        func run() async throws {
            let directory = URL(fileURLWithPath: samples, isDirectory: true)
            let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "xml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
            let bench = EDCIBenchmark(schemaDirectory: URL(fileURLWithPath: schemaDir, isDirectory: true), samples: files, iterations: iterations)
            print(try bench.run())
        }
    }
}
