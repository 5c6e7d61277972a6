import BadgeCore
import BadgeIssuing
import BadgeServer
import Configuration
public import Foundation
public import Logging

/// `badged bench stack`: what stacking adds to an award, and how long a cohort takes.
///
/// 1. Signed awards end to end with the daemon's follow-up work: each award is committed and its
///    `assertion.stored` message is delivered by the daemon's outbox delivery (every topic's
///    handler, stacking included) before the clock stops. Stacking off: no rules (the handler
///    still runs and finds none); on: `composites` rules over `components` classes. The same
///    awards (other recipients) run off, on, on, off, so that a database growing during the run
///    weighs on both alike. Composites issued while on are inside the time.
/// 2. A cohort: `recipients` recipients seeded with one to five components each through the
///    batch award path (hosted, not timed), then every composite's rule evaluated over its whole
///    cohort, a dry run: all rules in one pass, and one rule at a time as `badged stack evaluate
///    --dry-run` does.
public struct StackBenchmark: Sendable {
    /// The figures for one database engine.
    public struct Result: Sendable, CustomStringConvertible {
        public let engine: String
        public let awards: Int
        /// Awards per second, each with its outbox work delivered, without stacking rules.
        public let offPerSecond: Double
        /// The same with the rules.
        public let onPerSecond: Double
        /// Composites that stacking issued during the timed awards with the rules.
        public let compositesIssued: Int
        public let composites: Int
        public let components: Int
        /// Recipients holding a component of some rule.
        public let cohort: Int
        /// Recipient-rule judgements made (a recipient counts once per rule naming one of their classes).
        public let judgements: Int
        /// Judgements that met their rule.
        public let qualifying: Int
        public let seedSeconds: Double
        /// Seconds to evaluate every rule over the cohort in one pass.
        public let cohortSeconds: Double
        /// Seconds to evaluate the rules one at a time (`badged stack evaluate` per composite).
        public let singleSeconds: Double

        /// The time stacking adds to an award, in per cent of an award without it.
        public var addedPercent: Double { 100 * (offPerSecond / onPerSecond - 1) }

        public var description: String {
            String(
                format: "%@: %d signed awards with outbox delivery: stacking off %.0f/s, on %.0f/s (%d composites over %d classes, "
                    + "%d composites issued): %+.1f %% per award; cohort of %d recipients (seeded in %.1f s) against %d composites: "
                    + "%d judgements, %d qualify, in %.2f s (%.0f recipients/s; one composite at a time: %.2f s)",
                engine,
                awards,
                offPerSecond,
                onPerSecond,
                composites,
                components,
                compositesIssued,
                addedPercent,
                cohort,
                seedSeconds,
                composites,
                judgements,
                qualifying,
                cohortSeconds,
                Double(cohort) / cohortSeconds,
                singleSeconds
            )
        }
    }

    static let concurrency = 16
    let awards: Int
    let recipients: Int
    let components: Int
    let composites: Int
    let logger: Logger

    /// Creates a benchmark of `awards` timed awards (a quarter per phase) and a cohort of `recipients`.
    public init(awards: Int, recipients: Int, components: Int = 100, composites: Int = 20, logger: Logger) {
        self.awards = max(awards / 4, 1) * 4
        self.recipients = max(recipients, 1)
        self.components = max(components, 7)
        self.composites = max(composites, 1)
        self.logger = logger
    }

    /// Runs on a fresh database at `databaseURL`, seeded with `catalog`'s first regular badge class.
    public func run(databaseURL: String, engine: String, catalog: Data) async throws -> Result {
        let data = try StackCatalogue.make(from: catalog, components: components, composites: composites)
        let signed = try await Self.open(databaseURL, mode: "signed", logger: logger)
        let setup: Setup
        let timing: AwardTiming
        do {
            setup = try await Setup.make(signed, catalog: data, components: components, composites: composites)
            timing = try await timeAwards(signed, setup: setup)
            try await signed.close()
        } catch {
            try? await signed.close()
            throw error
        }
        // Seeding signs nothing (the cohort's evaluation reads, whatever the verification).
        let hosted = try await Self.open(databaseURL, mode: "hosted", logger: logger)
        do {
            let seedSeconds = try await seedCohort(hosted, setup: setup)
            let cohort = try await evaluateCohort(hosted, setup: setup)
            try await hosted.close()
            return Result(
                engine: engine,
                awards: awards,
                offPerSecond: timing.offPerSecond,
                onPerSecond: timing.onPerSecond,
                compositesIssued: timing.compositesIssued,
                composites: composites,
                components: components,
                cohort: cohort.recipients,
                judgements: cohort.judgements,
                qualifying: cohort.qualifying,
                seedSeconds: seedSeconds,
                cohortSeconds: cohort.seconds,
                singleSeconds: cohort.singleSeconds
            )
        } catch {
            try? await hosted.close()
            throw error
        }
    }

    static func open(_ databaseURL: String, mode: String, logger: Logger) async throws -> AdminSession {
        let values: [AbsoluteConfigKey: ConfigValue] = [
            "db.url": .init(.string(databaseURL), isSecret: true), "signing.mode": .init(.string(mode), isSecret: false),
            "log.level": "error",
            "signing.key_encryption_key": .init(.string(Data(repeating: 1, count: 32).base64EncodedString()), isSecret: true),
        ]
        return try await AdminSession.open(reader: ConfigReader(provider: InMemoryProvider(values: values)), logger: logger)
    }

    /// The catalogue's component and composite classes, in order.
    struct Setup: Sendable {
        let units: [UUID]
        let composites: [UUID]

        static func make(_ session: AdminSession, catalog: Data, components: Int, composites: Int) async throws -> Setup {
            let tree = try await session.administration.importCatalog(catalog)
            let byName = Dictionary(tree.badgeClasses.map { ($0.name.en, $0.id) }, uniquingKeysWith: { first, _ in first })
            let units = try (0..<components).map { try Self.id("Bench unit \($0)", in: byName) }
            let wholes = try (0..<composites).map { try Self.id("Bench composite \($0)", in: byName) }
            return Setup(units: units, composites: wholes)
        }

        static func id(_ name: String, in classes: [String?: UUID]) throws -> UUID {
            guard let id = classes[name] else { throw BenchmarkError(.setup, "the catalogue lost \(name)") }
            return id
        }

        /// Sets every composite's rule through the rules use case, as `badged stack import` does.
        func setRules(_ session: AdminSession) async throws {
            for (index, composite) in composites.enumerated() {
                _ = try await session.stackingRules.set(
                    StackCatalogue.rule(index, units: units),
                    compositeClassID: composite,
                    actor: "bench",
                    allowed: { _ in true }
                )
            }
        }

        func deleteRules(_ session: AdminSession) async throws {
            for composite in composites {
                try await session.stackingRules.delete(compositeClassID: composite, actor: "bench", allowed: { _ in true })
            }
        }
    }
}
