public import BadgeCore
public import OpenBadges

/// Re-signs a key rotation's assertions one page per outbox message
/// (``OutboxMessage/Topic/assertionsResigning``): it signs the job's next page with the new key
/// and stores the page with the job's cursor and the next page's message in one transaction.
/// The outbox makes it durable and retried; the job's expected message id makes a repeated
/// delivery a no-op, so nothing is re-signed twice or skipped after a crash. A job whose key was
/// replaced by a later rotation ends at once: the later job re-signs everything.
public struct AssertionResigner: OutboxHandler {
    /// Assertions per page (per transaction).
    public static let defaultPageSize = 200

    let jobs: any ResigningJobStore
    let keyring: IssuerKeyring
    let documents: OpenBadgesDocuments
    let pageSize: Int

    /// Creates the handler.
    /// - Parameter pageSize: assertions signed and stored per message (bounded to 1…1000).
    public init(jobs: any ResigningJobStore, keyring: IssuerKeyring, documents: OpenBadgesDocuments, pageSize: Int = Self.defaultPageSize) {
        self.jobs = jobs
        self.keyring = keyring
        self.documents = documents
        self.pageSize = min(max(pageSize, 1), 1_000)
    }

    public func handle(_ message: OutboxMessage) async throws {
        // A message the job no longer expects was delivered before (or its job is done).
        guard let job = try await jobs.job(id: message.subjectID), !job.isComplete, job.nextMessageID == message.id else { return }
        guard let key = try await keyring.currentKey(issuerID: job.issuerID, id: job.keyID) else {
            _ = try await jobs.commit(ResignedPage(assertions: [], cursor: nil, isLast: true), of: job, deliveredBy: message.id)
            return
        }
        let page = try await jobs.page(of: job, limit: pageSize)
        let signer = AssertionSigner(key: key, documents: documents)
        var resigned: [(assertion: Assertion, jws: String)] = []
        for stored in page where stored.assertion.verification != .signed(keyID: key.id) {
            var assertion = stored.assertion
            assertion.verification = .signed(keyID: key.id)
            resigned.append((assertion, try signer.sign(assertion)))
        }
        let isLast = page.count < pageSize
        _ = try await jobs.commit(
            ResignedPage(assertions: resigned, cursor: page.last?.assertion.id, isLast: isLast),
            of: job,
            deliveredBy: message.id
        )
    }
}
