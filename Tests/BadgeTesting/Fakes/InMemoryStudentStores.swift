public import BadgeCore
public import Foundation

/// Student sessions, entry tokens and sign-ins in memory, beside ``BadgeStorage``'s SQL store.
public actor InMemoryStudentSessionStore: StudentSessionStore {
    private var entries: [String: (token: StudentEntryToken, used: Bool)] = [:]
    private var sessions: [String: StudentSession] = [:]
    private var signIns: [String: StudentSignInState] = [:]
    /// The audit trail: action, entity id, institution, actor and detail, in order.
    public private(set) var audit: [(action: String, id: UUID, institutionID: UUID?, actor: String, detail: String)] = []

    /// Creates an empty store.
    public init() {}

    public func createAccessLink(_ token: StudentEntryToken, linkID: UUID, institutionID: UUID?, actor: String) {
        entries[token.tokenHash] = (token, false)
        audit.append((StudentEntryToken.accessLinkAuditAction, linkID, institutionID, actor, StudentEntryToken.accessLinkAuditDetail(expiresAt: token.expiresAt)))
    }

    public func createReviewLink(_ token: StudentEntryToken, scope: ClaimReviewScope, actor: String) {
        entries[token.tokenHash] = (token, false)
        audit.append((ClaimReviewScope.issueAuditAction, scope.linkID, scope.institutionID, actor, scope.auditDetail(expiresAt: token.expiresAt)))
    }

    public func consumeEntry(tokenHash: String, purpose: StudentEntryToken.Purpose, at now: Date) -> StudentEntryToken? {
        guard let entry = entries[tokenHash], !entry.used, entry.token.purpose == purpose, now < entry.token.expiresAt else { return nil }
        entries[tokenHash]?.used = true
        return entry.token
    }

    public func createSession(_ session: StudentSession) {
        sessions = sessions.filter { $0.value.expiresAt > session.createdAt }
        sessions[session.tokenHash] = session
    }

    public func session(tokenHash: String, at now: Date, idleLimit: TimeInterval) -> StudentSession? {
        guard var session = sessions[tokenHash] else { return nil }
        guard now < session.expiresAt, now.timeIntervalSince(session.lastSeenAt) < idleLimit else {
            sessions[tokenHash] = nil
            return nil
        }
        session.lastSeenAt = max(session.lastSeenAt, now)
        sessions[tokenHash] = session
        return session
    }

    public func deleteSession(tokenHash: String) {
        sessions[tokenHash] = nil
    }

    public func createSignIn(_ state: StudentSignInState) {
        signIns[state.stateHash] = state
    }

    public func takeSignIn(stateHash: String, at now: Date) -> StudentSignInState? {
        guard let state = signIns.removeValue(forKey: stateHash), now < state.expiresAt else { return nil }
        return state
    }

    public func forget(recipientKey: String) -> Int {
        let before = sessions.count + entries.count
        sessions = sessions.filter { $0.value.recipientKey != recipientKey }
        entries = entries.filter { $0.value.token.recipientKey != recipientKey }
        return before - sessions.count - entries.count
    }
}

/// Students' private credentials and shares in memory; which assertions a recipient holds comes
/// from the ``InMemoryAssertionStore`` it is given.
public actor InMemoryWalletStore: WalletStore {
    private let assertions: any AssertionStore
    private var hidden: Set<UUID> = []
    private var shares: [String: WalletShare] = [:]

    /// Creates an empty store over `assertions`.
    public init(assertions: any AssertionStore) {
        self.assertions = assertions
    }

    public func isPrivate(assertionID: UUID) -> Bool {
        hidden.contains(assertionID)
    }

    public func privateAssertionIDs(recipientKey: String) async throws -> Set<UUID> {
        let held = try await assertions.holdings(recipientKey: recipientKey, limit: 5_000).map(\.assertion.id)
        return hidden.intersection(held)
    }

    public func setPrivate(_ isPrivate: Bool, assertionID: UUID, recipientKey: String, at date: Date) async throws -> Bool {
        guard try await assertions.find(id: assertionID)?.recipientKey == recipientKey else { return false }
        if isPrivate { hidden.insert(assertionID) } else { hidden.remove(assertionID) }
        return true
    }

    public func createShare(_ share: WalletShare, tokenHash: String) {
        shares[tokenHash] = share
    }

    public func shares(recipientKey: String) -> [WalletShare] {
        shares.values.filter { $0.recipientKey == recipientKey && $0.revokedAt == nil }.sorted { $0.createdAt > $1.createdAt }
    }

    public func revokeShare(id: UUID, recipientKey: String, at date: Date) -> Bool {
        guard let (hash, share) = shares.first(where: { $0.value.id == id && $0.value.recipientKey == recipientKey && $0.value.revokedAt == nil })
        else { return false }
        shares[hash] = WalletShare(id: id, recipientKey: recipientKey, assertionIDs: share.assertionIDs, createdAt: share.createdAt, revokedAt: date)
        return true
    }

    public func share(tokenHash: String) -> WalletShare? {
        shares[tokenHash].flatMap { $0.revokedAt == nil ? $0 : nil }
    }
}
