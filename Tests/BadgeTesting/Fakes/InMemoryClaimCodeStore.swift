public import BadgeCore
public import Foundation

/// Claim codes and claims in memory, with the SQL store's rules: a claim takes its code's use
/// before anything else (so a limit holds however many claims arrive at once), a person who
/// holds the badge or claimed already takes none, and every change is audited.
public actor InMemoryClaimCodeStore: ClaimCodeStore {
    private let assertions: any AssertionStore
    private var codes: [UUID: (code: ClaimCode, hash: String)] = [:]
    private var stored: [UUID: Claim] = [:]
    /// The audit trail: action, entity id and actor, in order.
    public private(set) var audit: [(action: String, id: UUID, actor: String)] = []

    /// Creates an empty store that awards through `assertions`.
    public init(assertions: any AssertionStore) {
        self.assertions = assertions
    }

    public func create(_ code: ClaimCode, codeHash: String, actor: String) async throws {
        guard codes[code.id] == nil, !codes.values.contains(where: { $0.hash == codeHash }) else {
            throw BadgeCoreError(.conflict, "a claim code with that id or secret exists")
        }
        codes[code.id] = (code, codeHash)
        audit.append(("claim_code.create", code.id, actor))
    }

    public func code(id: UUID) async throws -> ClaimCode? { codes[id]?.code }

    public func code(hash: String) async throws -> ClaimCode? { codes.values.first { $0.hash == hash }?.code }

    public func codes(badgeClassID: UUID, limit: Int) async throws -> [ClaimCode] {
        Array(codes.values.map(\.code).filter { $0.badgeClassID == badgeClassID }.sorted { $0.createdAt > $1.createdAt }.prefix(max(limit, 1)))
    }

    public func disable(id: UUID, at date: Date, actor: String) async throws -> ClaimCode? {
        guard var entry = codes[id] else { return nil }
        guard entry.code.disabledAt == nil else { return entry.code }
        entry.code.disabledAt = date
        codes[id] = entry
        audit.append(("claim_code.disable", id, actor))
        return entry.code
    }

    public func redeem(_ claim: Claim, award: NewAssertion?, at date: Date, actor: String) async throws -> ClaimRedemption {
        if let earlier = stored.values.first(where: { $0.codeID == claim.codeID && $0.recipientKey == claim.recipientKey }) {
            return .alreadyClaimed(earlier)
        }
        guard var entry = codes[claim.codeID] else { throw BadgeCoreError(.notFound, "no claim code with that id") }
        if let refusal = entry.code.refusal(at: date) { return .refused(refusal) }
        entry.code.uses += 1
        codes[claim.codeID] = entry
        var claim = claim
        var outcome: AwardOutcome?
        if let award {
            let outcomes = try await assertions.store([award])
            guard case .created(let assertion, _) = outcomes.first else {
                codes[claim.codeID]?.code.uses -= 1
                return outcomes.first.map { .alreadyHeld($0.assertion) } ?? .refused(.usedUp)
            }
            claim.assertionID = assertion.id
            outcome = outcomes.first
        }
        stored[claim.id] = claim
        audit.append((outcome == nil ? "claim.submit" : "claim.issue", claim.id, actor))
        if let outcome { return .issued(claim, outcome) }
        return .pending(claim)
    }

    public func claim(id: UUID) async throws -> Claim? { stored[id] }

    public func claims(institutionID: UUID?, badgeClassID: UUID?, state: Claim.State, limit: Int) async throws -> [Claim] {
        Array(
            stored.values
                .filter {
                    $0.state == state && (institutionID == nil || $0.institutionID == institutionID)
                        && (badgeClassID == nil || $0.badgeClassID == badgeClassID)
                }
                .sorted { ($0.createdAt, $0.id.uuidString) < ($1.createdAt, $1.id.uuidString) }.prefix(max(limit, 1))
        )
    }

    public func approve(claimID: UUID, award: NewAssertion, comment: String?, at date: Date, actor: String) async throws -> Claim? {
        guard var claim = try pending(claimID) else { return nil }
        claim.state = .issued
        stored[claimID] = claim
        let outcome = try await assertions.store([award]).first
        claim.assertionID = outcome?.assertion.id
        claim.comment = comment
        claim.reviewedAt = date
        stored[claimID] = claim
        audit.append(("claim.approve", claimID, actor))
        return claim
    }

    public func deny(claimID: UUID, comment: String?, at date: Date, actor: String) async throws -> Claim? {
        guard var claim = try pending(claimID) else { return nil }
        claim.state = .denied
        claim.comment = comment
        claim.reviewedAt = date
        stored[claimID] = claim
        if let uses = codes[claim.codeID]?.code.uses, uses > 0 { codes[claim.codeID]?.code.uses = uses - 1 }
        audit.append(("claim.deny", claimID, actor))
        return claim
    }

    public func erase(recipientKey: String, institutionID: UUID?, actor: String) async throws -> Int {
        let erased = stored.values.filter { $0.recipientKey == recipientKey && (institutionID == nil || $0.institutionID == institutionID) }
        for claim in erased {
            if claim.state == .pending, let uses = codes[claim.codeID]?.code.uses, uses > 0 { codes[claim.codeID]?.code.uses = uses - 1 }
            stored[claim.id] = nil
            audit.append(("claim.erase", claim.id, actor))
        }
        return erased.count
    }

    private func pending(_ id: UUID) throws -> Claim? {
        guard let claim = stored[id] else { return nil }
        guard claim.state == .pending else { throw BadgeCoreError(.conflict, "that claim was already reviewed (\(claim.state.rawValue))") }
        return claim
    }
}
