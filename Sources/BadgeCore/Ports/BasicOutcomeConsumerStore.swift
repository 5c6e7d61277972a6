public import Foundation

/// An LTI 1.1 Basic Outcomes consumer: the OAuth consumer key a grade source signs with, its
/// secret sealed at rest, and the institution whose rules its grades reach.
public struct BasicOutcomeConsumer: Hashable, Sendable {
    /// The OAuth consumer key.
    public let key: String
    /// The secret, sealed with the key-encryption key.
    public let sealedSecret: String
    /// The institution.
    public let institutionID: UUID

    /// Creates a consumer.
    public init(key: String, sealedSecret: String, institutionID: UUID) {
        self.key = key
        self.sealedSecret = sealedSecret
        self.institutionID = institutionID
    }
}

/// The storage port for LTI 1.1 consumers.
public protocol BasicOutcomeConsumerStore: Sendable {
    /// Stores a consumer.
    /// - Throws: ``BadgeCoreError`` `.conflict` when the key exists.
    func create(_ consumer: BasicOutcomeConsumer, at date: Date) async throws
    /// The consumer with this key.
    func consumer(key: String) async throws -> BasicOutcomeConsumer?
}
