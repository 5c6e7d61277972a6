public import BadgeCore
public import Foundation

/// Claims by e-mail address waiting for confirmation, in memory; the outbox messages it would
/// write are kept in ``messages``.
public actor InMemoryClaimMailStore: ClaimMailStore {
    private var requests: [UUID: ClaimMailRequest] = [:]
    /// The outbox messages written, in order.
    public private(set) var messages: [OutboxMessage] = []
    /// The audit trail: action, entity id and actor, in order.
    public private(set) var audit: [(action: String, id: UUID, actor: String)] = []

    /// Creates an empty store.
    public init() {}

    public func create(_ request: ClaimMailRequest, actor: String) async throws {
        guard requests[request.id] == nil else { throw BadgeCoreError(.conflict, "a request with that id exists") }
        requests[request.id] = request
        messages.append(
            OutboxMessage(
                id: UUID(),
                topic: .claimMailRequested,
                subjectID: request.id,
                institutionID: request.institutionID,
                createdAt: request.createdAt,
                attempts: 0
            )
        )
        audit.append(("claim.mail_request", request.id, actor))
    }

    public func pendingCount(address: String, now: Date) async throws -> Int {
        requests.values.filter { $0.address == address && $0.expiresAt > now }.count
    }

    public func request(id: UUID) async throws -> ClaimMailRequest? { requests[id] }

    public func spend(id: UUID, actor: String) async throws -> ClaimMailRequest? {
        guard let request = requests.removeValue(forKey: id) else { return nil }
        audit.append(("claim.mail_confirm", id, actor))
        return request
    }

    public func delete(address: String?, institutionID: UUID?, expiredBefore: Date?) async throws -> Int {
        guard address != nil || expiredBefore != nil else { return 0 }
        let doomed = requests.values.filter { request in
            (address.map { request.address == $0 } ?? true) && (institutionID.map { request.institutionID == $0 } ?? true)
                && (expiredBefore.map { request.expiresAt < $0 } ?? true)
        }
        for request in doomed { requests[request.id] = nil }
        return doomed.count
    }
}
