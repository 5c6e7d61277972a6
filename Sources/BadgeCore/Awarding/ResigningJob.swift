public import Foundation

/// The re-signing that follows an issuer key rotation: every signed, unrevoked assertion of the
/// issuer is signed again with the new key, one page at a time, so that the hosted `.jws` and
/// newly baked images name the key the issuer profile publishes. Assertion ids, contents and
/// `issuedOn` stay; only the signature and `verification.creator` change.
///
/// Progress is the cursor (the last assertion id a page covered, pages in id order) and the id of
/// the one outbox message allowed to do the next page: a page's new signatures, the cursor and
/// the next message are written together, so an interrupted job resumes where it stopped and a
/// message delivered twice does nothing the second time.
public struct ResigningJob: Sendable, Hashable {
    /// Why the key was rotated.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// A scheduled rotation: the previous key stays published for earlier copies.
        case routine
        /// The previous key was compromised: it is revoked and no longer published.
        case compromise
    }

    /// The job's id (the subject of its outbox messages).
    public let id: UUID
    /// The issuer whose assertions are re-signed.
    public let issuerID: UUID
    /// The issuer's institution (for audit rows and outbox scoping).
    public let institutionID: UUID?
    /// The key the assertions are re-signed with (the issuer's current key when the job began).
    public let keyID: String
    /// The key it replaced, if the issuer had one.
    public let replacedKeyID: String?
    /// Why the key was rotated.
    public let reason: Reason
    /// The id of the last assertion covered, in id order; nil before the first page.
    public let cursor: UUID?
    /// How many assertions were re-signed so far.
    public let resigned: Int
    /// The outbox message that may do the next page; nil once the job completed.
    public let nextMessageID: UUID?
    /// When the rotation happened.
    public let createdAt: Date
    /// When the last page was done.
    public let completedAt: Date?

    /// Whether every page is done.
    public var isComplete: Bool { completedAt != nil }

    /// Creates a job.
    public init(
        id: UUID,
        issuerID: UUID,
        institutionID: UUID?,
        keyID: String,
        replacedKeyID: String?,
        reason: Reason,
        cursor: UUID? = nil,
        resigned: Int = 0,
        nextMessageID: UUID?,
        createdAt: Date,
        completedAt: Date? = nil
    ) {
        self.id = id
        self.issuerID = issuerID
        self.institutionID = institutionID
        self.keyID = keyID
        self.replacedKeyID = replacedKeyID
        self.reason = reason
        self.cursor = cursor
        self.resigned = resigned
        self.nextMessageID = nextMessageID
        self.createdAt = createdAt
        self.completedAt = completedAt
    }
}
