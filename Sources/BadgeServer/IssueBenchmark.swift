import BadgeCore
public import Configuration
public import Foundation
public import Logging
import OpenBadges

/// `badged bench issue`: raw RS256 signing against end-to-end signed awards (award → sign →
/// durable commit, one transaction per award), and the wall time of one large batch.
public struct IssueBenchmark: Sendable {
    /// The figures for one database engine.
    public struct Result: Sendable, CustomStringConvertible {
        public let engine: String
        public let awardsPerSecond: Double
        public let batchSize: Int
        public let batchSeconds: Double

        public var description: String {
            String(format: "%@: %.0f signed awards/s end to end; batch of %d in %.2f s", engine, awardsPerSecond, batchSize, batchSeconds)
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

    /// RS256 signatures per second of an issuer key over a typical assertion payload.
    public func rawSignaturesPerSecond(count: Int = 2000) throws -> Double {
        let key = try SigningKey.generate(id: "bench")
        let documents = OpenBadgesDocuments(urls: try PublicURLs(baseURL: "https://badges.bench"))
        let signer = AssertionSigner(key: key, documents: documents)
        let assertion = Assertion(
            id: UUID(),
            badgeClassID: UUID(),
            issuerID: UUID(),
            recipient: HashedRecipient(type: .email, identity: "sha256$" + String(repeating: "a", count: 64), salt: "salt"),
            issuedOn: Date(),
            verification: .signed(keyID: "bench")
        )
        let started = ContinuousClock.now
        for _ in 0..<count { _ = try signer.sign(assertion) }
        return Double(count) / Self.seconds(since: started)
    }

    /// Signed awards per second and the batch's wall time on the database at `databaseURL`.
    public func run(databaseURL: String, engine: String, catalog: Data) async throws -> Result {
        let values: [AbsoluteConfigKey: ConfigValue] = [
            "db.url": .init(.string(databaseURL), isSecret: true), "signing.mode": "signed",
            "signing.key_encryption_key": .init(.string(Data(repeating: 1, count: 32).base64EncodedString()), isSecret: true),
        ]
        let session = try await AdminSession.open(reader: ConfigReader(provider: InMemoryProvider(values: values)), logger: logger)
        do {
            let tree = try await session.importCatalog(catalog)
            guard let badgeClass = tree.badgeClasses.first(where: { $0.kind == .microCredential }) ?? tree.badgeClasses.first else {
                throw BadgeServerError(.badRequest, "the catalogue has no badge class")
            }
            _ = try await session.award(badgeClassID: badgeClass.id, recipients: [Recipient(type: .email, identity: "warm-up@example.org")]) { _ in }
            let started = ContinuousClock.now
            for index in 0..<awards {
                _ = try await session.award(
                    badgeClassID: badgeClass.id,
                    recipients: [Recipient(type: .email, identity: "single\(index)@example.org")]
                ) { _ in }
            }
            let perSecond = Double(awards) / Self.seconds(since: started)
            let batch = (0..<batchSize).map { Recipient(type: .email, identity: "batch\($0)@example.org") }
            let batchStarted = ContinuousClock.now
            let outcome = try await session.award(badgeClassID: badgeClass.id, recipients: batch) { _ in }
            let batchSeconds = Self.seconds(since: batchStarted)
            guard outcome.created == batchSize else { throw BadgeServerError(.badRequest, "the batch created \(outcome.created) of \(batchSize)") }
            try await session.close()
            return Result(engine: engine, awardsPerSecond: perSecond, batchSize: batchSize, batchSeconds: batchSeconds)
        } catch {
            try? await session.close()
            throw error
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        start.duration(to: .now).inSeconds
    }
}
