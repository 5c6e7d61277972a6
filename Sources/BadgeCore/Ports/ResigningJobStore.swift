public import Foundation

extension OutboxMessage.Topic {
    /// A page of a key rotation's re-signing is due; the subject is the ``ResigningJob``.
    public static let assertionsResigning = Self(rawValue: "issuer_key.resign")
}

/// The storage port for key rotations and their re-signing jobs.
public protocol ResigningJobStore: Sendable {
    /// Makes `key` the issuer's current key, retiring the previous one (and revoking it for a
    /// compromise), and starts the job that re-signs the issuer's signed, unrevoked assertions
    /// with it: the job, its first outbox message (``OutboxMessage/Topic/assertionsResigning``)
    /// and an audit row, in one transaction with the key.
    /// - Returns: the job as stored.
    func rotate(
        to key: StoredIssuerKey,
        reason: ResigningJob.Reason,
        jobID: UUID,
        institutionID: UUID?,
        actor: String
    ) async throws
        -> ResigningJob

    /// The job with this id, or nil.
    func job(id: UUID) async throws -> ResigningJob?

    /// The issuer's jobs, newest first.
    func jobs(issuerID: UUID) async throws -> [ResigningJob]

    /// The job's next page: the issuer's signed, unrevoked assertions after its cursor, in id order.
    /// - Parameter limit: the most assertions returned (bounded to 1…1000).
    func page(of job: ResigningJob, limit: Int) async throws -> [StoredAssertion]

    /// Stores a page in one transaction, if the job still expects `messageID` to do it: the new
    /// bodies and JWS (of assertions still unrevoked), the job's cursor and count, and either the
    /// next page's outbox message or, for the last page, the completion and its audit row.
    ///
    /// When the job's key is no longer the issuer's current key (a later rotation committed
    /// since the page was signed), the job completes without the page: the later rotation's job
    /// re-signs everything. The key is read with the lock that awards take (see
    /// ``AssertionStore/store(_:)``), so a rotation committing after this page waits for it.
    /// - Returns: false, writing nothing, when another delivery already did this page.
    func commit(_ page: ResignedPage, of job: ResigningJob, deliveredBy messageID: UUID) async throws -> Bool
}
