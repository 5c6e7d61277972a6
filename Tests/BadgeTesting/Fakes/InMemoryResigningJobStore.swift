public import BadgeCore
public import Foundation

/// Key rotations and re-signing jobs in memory, with the SQL store's rules: a page is stored
/// only by the delivery of the message the job expects, with the next message or the completion.
public actor InMemoryResigningJobStore: ResigningJobStore {
    private var stored: [UUID: ResigningJob] = [:]
    private let keys: InMemoryIssuerKeyStore
    private let assertions: InMemoryAssertionStore
    private let outbox: InMemoryOutbox
    private let clock: any TimeSource
    private let ids: any IDGenerator
    /// The audit trail: action, issuer id and detail, in order.
    public private(set) var audit: [(action: String, issuerID: UUID, detail: String)] = []

    /// Creates a store over the other fakes it writes to.
    public init(keys: InMemoryIssuerKeyStore, assertions: InMemoryAssertionStore, outbox: InMemoryOutbox, clock: any TimeSource, ids: any IDGenerator)
    {
        self.keys = keys
        self.assertions = assertions
        self.outbox = outbox
        self.clock = clock
        self.ids = ids
    }

    public func rotate(
        to key: StoredIssuerKey,
        reason: ResigningJob.Reason,
        jobID: UUID,
        institutionID: UUID?,
        actor: String
    ) async throws
        -> ResigningJob
    {
        let messageID = ids.makeID()
        let replaced = await keys.install(key, revokingPrevious: reason == .compromise)
        let job = ResigningJob(
            id: jobID,
            issuerID: key.issuerID,
            institutionID: institutionID,
            keyID: key.id,
            replacedKeyID: replaced,
            reason: reason,
            nextMessageID: messageID,
            createdAt: key.createdAt
        )
        stored[jobID] = job
        await outbox.enqueue(id: messageID, .assertionsResigning, subjectID: jobID, institutionID: institutionID, at: key.createdAt)
        audit.append((reason == .compromise ? "issuer_key.rotate_compromised" : "issuer_key.rotate", key.issuerID, "key \(key.id)"))
        return job
    }

    public func job(id: UUID) async throws -> ResigningJob? { stored[id] }

    public func jobs(issuerID: UUID) async throws -> [ResigningJob] {
        stored.values.filter { $0.issuerID == issuerID }.sorted { ($0.createdAt, $0.id.uuidString) > ($1.createdAt, $1.id.uuidString) }
    }

    public func page(of job: ResigningJob, limit: Int) async throws -> [StoredAssertion] {
        await assertions.signedUnrevoked(issuerID: job.issuerID, after: job.cursor, limit: limit)
    }

    public func commit(_ page: ResignedPage, of job: ResigningJob, deliveredBy messageID: UUID) async throws -> Bool {
        guard let current = stored[job.id], current.nextMessageID == messageID else { return false }
        // Claimed before any suspension, as the SQL store's guarded update is the first statement.
        let next = page.isLast ? nil : ids.makeID()
        let now = clock.now()
        stored[job.id] = current.moved(
            cursor: page.cursor ?? current.cursor,
            resigned: current.resigned,
            next: next,
            completedAt: page.isLast ? now : nil
        )
        // A rotation since the page was signed supersedes the job: it ends without the page.
        guard await keys.isCurrent(job.keyID, issuerID: job.issuerID) else {
            stored[job.id] = current.moved(cursor: current.cursor, resigned: current.resigned, next: nil, completedAt: now)
            audit.append(("issuer_key.resign_complete", job.issuerID, "\(current.resigned) re-signed with key \(job.keyID)"))
            return true
        }
        var resigned = 0
        for item in page.assertions where await assertions.replaceSigned(item.assertion, jws: item.jws) { resigned += 1 }
        let updated = current.moved(
            cursor: page.cursor ?? current.cursor,
            resigned: current.resigned + resigned,
            next: next,
            completedAt: page.isLast ? now : nil
        )
        stored[job.id] = updated
        if let next {
            await outbox.enqueue(id: next, .assertionsResigning, subjectID: job.id, institutionID: job.institutionID, at: now)
        } else {
            audit.append(("issuer_key.resign_complete", job.issuerID, "\(updated.resigned) re-signed with key \(job.keyID)"))
        }
        return true
    }
}

extension ResigningJob {
    fileprivate func moved(cursor: UUID?, resigned: Int, next: UUID?, completedAt: Date?) -> ResigningJob {
        ResigningJob(
            id: id,
            issuerID: issuerID,
            institutionID: institutionID,
            keyID: keyID,
            replacedKeyID: replacedKeyID,
            reason: reason,
            cursor: cursor,
            resigned: resigned,
            nextMessageID: next,
            createdAt: createdAt,
            completedAt: completedAt
        )
    }
}
