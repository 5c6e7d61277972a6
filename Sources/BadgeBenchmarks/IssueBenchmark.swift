import BadgeCore
import BadgeIssuing
import BadgeServer
import Configuration
public import Foundation
public import Logging
import OpenBadges

/// `badged bench issue`: raw RS256 signing (one core and all cores) against end-to-end signed
/// awards (award → sign → durable commit): one award per call in sequence, one award per call
/// from concurrent callers, and one large batch (chunked transactions, parallel signing).
public struct IssueBenchmark: Sendable {
    /// The figures for one database engine.
    public struct Result: Sendable, CustomStringConvertible {
        public let engine: String
        /// One award per call, one call at a time.
        public let awardsPerSecond: Double
        /// One award per call, from `concurrency` callers at once.
        public let concurrentAwardsPerSecond: Double
        public let concurrency: Int
        public let batchSize: Int
        public let batchSeconds: Double
        /// Awards per second inside the batch.
        public var batchAwardsPerSecond: Double { Double(batchSize) / batchSeconds }

        public var description: String {
            String(
                format: "%@: single awards %.0f/s in sequence, %.0f/s from %d callers; batch of %d in %.2f s (%.0f awards/s)",
                engine,
                awardsPerSecond,
                concurrentAwardsPerSecond,
                concurrency,
                batchSize,
                batchSeconds,
                batchAwardsPerSecond
            )
        }
    }

    private let awards: Int
    private let batchSize: Int
    private let logger: Logger

    /// Creates a benchmark of `awards` single awards and one batch of `batchSize`.
    public init(awards: Int, batchSize: Int, logger: Logger) {
        self.awards = max(awards, 1)
        self.batchSize = max(batchSize, 1)
        self.logger = logger
    }

    /// RS256 signatures per second of an issuer key over a typical assertion payload, on one core
    /// and on all of them.
    public func rawSignaturesPerSecond(count: Int = 2000) async throws -> (oneCore: Double, allCores: Double) {
        let signer = try SampleSigning.signer()
        let assertion = SampleSigning.assertion()
        let started = ContinuousClock.now
        for _ in 0..<count { _ = try signer.sign(assertion) }
        let oneCore = Double(count) / Self.seconds(since: started)
        let parallelStarted = ContinuousClock.now
        _ = try await ParallelSigner(signer: signer).sign(Array(repeating: assertion, count: count))
        return (oneCore, Double(count) / Self.seconds(since: parallelStarted))
    }

    /// Signed awards per second and the batch's wall time on the database at `databaseURL`.
    public func run(databaseURL: String, engine: String, catalog: Data) async throws -> Result {
        let values: [AbsoluteConfigKey: ConfigValue] = [
            "db.url": .init(.string(databaseURL), isSecret: true), "signing.mode": "signed",
            "signing.key_encryption_key": .init(.string(Data(repeating: 1, count: 32).base64EncodedString()), isSecret: true),
        ]
        let session = try await AdminSession.open(reader: ConfigReader(provider: InMemoryProvider(values: values)), logger: logger)
        do {
            let tree = try await session.administration.importCatalog(catalog)
            guard let badgeClass = tree.badgeClasses.first(where: { $0.kind == .microCredential }) ?? tree.badgeClasses.first else {
                throw BenchmarkError(.setup, "the catalogue has no badge class")
            }
            _ = try await session.administration.award(
                badgeClassID: badgeClass.id,
                recipients: [Recipient(type: .email, identity: "warm-up@example.org")]
            ) { _ in }
            let started = ContinuousClock.now
            for index in 0..<awards {
                _ = try await session.administration.award(
                    badgeClassID: badgeClass.id,
                    recipients: [Recipient(type: .email, identity: "single\(index)@example.org")]
                ) { _ in }
            }
            let perSecond = Double(awards) / Self.seconds(since: started)
            let concurrency = 16
            let concurrentStarted = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for caller in 0..<concurrency {
                    group.addTask {
                        for index in stride(from: caller, to: awards, by: concurrency) {
                            _ = try await session.administration.award(
                                badgeClassID: badgeClass.id,
                                recipients: [Recipient(type: .email, identity: "concurrent\(index)@example.org")]
                            ) { _ in }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let concurrentPerSecond = Double(awards) / Self.seconds(since: concurrentStarted)
            let batch = (0..<batchSize).map { Recipient(type: .email, identity: "batch\($0)@example.org") }
            let batchStarted = ContinuousClock.now
            let outcome = try await session.administration.award(badgeClassID: badgeClass.id, recipients: batch) { _ in }
            let batchSeconds = Self.seconds(since: batchStarted)
            guard outcome.created == batchSize else {
                throw BenchmarkError(.unexpectedResult, "the batch created \(outcome.created) of \(batchSize)")
            }
            try await session.close()
            return Result(
                engine: engine,
                awardsPerSecond: perSecond,
                concurrentAwardsPerSecond: concurrentPerSecond,
                concurrency: concurrency,
                batchSize: batchSize,
                batchSeconds: batchSeconds
            )
        } catch {
            try? await session.close()
            throw error
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        start.duration(to: .now).inSeconds
    }
}
