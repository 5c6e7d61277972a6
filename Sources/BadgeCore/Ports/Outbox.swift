public import Foundation

/// A unit of follow-up work written in the same transaction as the change that causes it (an
/// award, a revocation), delivered later by a background service with retries.
public struct OutboxMessage: Hashable, Sendable {
    /// The message's id.
    public let id: UUID
    /// What happened, such as ``Topic/assertionStored``.
    public let topic: Topic
    /// The entity it is about (the assertion id for award topics).
    public let subjectID: UUID
    /// The institution the entity belongs to.
    public let institutionID: UUID?
    /// When it was written.
    public let createdAt: Date
    /// How many deliveries were started, this one included.
    public let attempts: Int

    /// Creates a message.
    public init(id: UUID, topic: Topic, subjectID: UUID, institutionID: UUID?, createdAt: Date, attempts: Int) {
        self.id = id
        self.topic = topic
        self.subjectID = subjectID
        self.institutionID = institutionID
        self.createdAt = createdAt
        self.attempts = attempts
    }

    /// A message topic.
    public struct Topic: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// An assertion was stored (stacking, LMS write-back follow).
        public static let assertionStored = Topic(rawValue: "assertion.stored")
        /// An assertion was revoked.
        public static let assertionRevoked = Topic(rawValue: "assertion.revoked")
    }
}

/// The storage port for the outbox. Several daemons may deliver from one database: a claimed
/// message is leased to one worker until the lease runs out, so nothing is delivered twice at
/// once, and a worker that dies mid-delivery leaves its messages to be claimed again.
public protocol Outbox: Sendable {
    /// Leases up to `limit` due, undelivered messages whose lease (if any) has run out.
    /// - Parameters:
    ///   - owner: the claiming worker, for diagnosis.
    ///   - now: the current time; messages due later are left.
    ///   - leaseUntil: until when the claimed messages are this worker's.
    func claim(limit: Int, owner: String, now: Date, leaseUntil: Date) async throws -> [OutboxMessage]
    /// Marks messages delivered, in one write (a delivered batch costs one commit).
    /// - Parameter ids: at most 1000 are marked.
    func complete(ids: [UUID], at date: Date) async throws
    /// Releases a message whose delivery failed, to be claimed again from `retryAt`.
    func release(id: UUID, retryAt: Date, error: String) async throws
}
