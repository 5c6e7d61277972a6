public import BadgeCore
public import Foundation

/// Assertions in memory, with the SQL store's rules: one assertion per (badge class, recipient
/// key), every stored or revoked assertion with an audit entry and an outbox message.
public actor InMemoryAssertionStore: AssertionStore, CredentialNumberStore {
    private struct Row {
        var assertion: Assertion
        let recipientKey: String
        let institutionID: UUID
        var jws: String?
    }

    private var rows: [UUID: Row] = [:]
    private var order: [UUID] = []
    private let outbox: InMemoryOutbox
    private let clock: any TimeSource
    private let random: any RandomSource
    private var numbers: [UUID: CredentialNumber] = [:]
    private var numbered: [String: UUID] = [:]
    private var prefixes: [UUID: String] = [:]
    /// The audit trail: action, assertion id and actor, in order.
    public private(set) var audit: [(action: String, id: UUID, actor: String)] = []
    /// How many times ``store(_:)`` ran (a group commit is one call).
    public private(set) var storeCalls = 0
    /// Settles the recorded grades of a created assertion (record ids, assertion id,
    /// institution id), as the SQL store does in the award's transaction.
    private var settle: (@Sendable ([UUID], UUID, UUID) async -> Void)?
    /// The issuer keys a signed award's key must be current in, as the SQL stores check.
    private var issuerKeys: InMemoryIssuerKeyStore?

    /// Creates an empty store that writes its messages to `outbox`.
    /// - Parameter random: the random part of credential numbers.
    public init(outbox: InMemoryOutbox, clock: any TimeSource, random: any RandomSource = SystemRandomSource()) {
        self.outbox = outbox
        self.clock = clock
        self.random = random
    }

    /// Numbers the assertions of an institution with `prefix` from now on (the SQL store reads it
    /// from the institution; unknown institutions number with `BD`).
    public func useCredentialPrefix(_ prefix: String, institutionID: UUID) {
        prefixes[institutionID] = prefix
    }

    /// Settles recorded grades through `hook` from now on (the world wires the outcome event store).
    public func settleOutcomes(with hook: @escaping @Sendable ([UUID], UUID, UUID) async -> Void) {
        settle = hook
    }

    /// Refuses signed awards whose key is not current in `keys` from now on (the world wires the key store).
    public func checkSigningKeys(in keys: InMemoryIssuerKeyStore) {
        issuerKeys = keys
    }

    /// Whether a badge class has unrevoked assertions (for ``InMemoryCatalogStore``'s freezing).
    public func hasUnrevokedAssertions(badgeClassID: UUID) -> Bool {
        rows.values.contains { $0.assertion.badgeClassID == badgeClassID && !$0.assertion.isRevoked }
    }

    /// How many assertions are stored.
    public var count: Int { rows.count }

    /// An issuer's signed, unrevoked assertions after `cursor`, in id order (a re-signing page).
    public func signedUnrevoked(issuerID: UUID, after cursor: UUID?, limit: Int) -> [StoredAssertion] {
        let after = cursor?.uuidString.lowercased()
        return rows.values.filter { $0.assertion.issuerID == issuerID && $0.jws != nil && !$0.assertion.isRevoked }
            .filter { row in after.map { row.assertion.id.uuidString.lowercased() > $0 } ?? true }
            .sorted { $0.assertion.id.uuidString.lowercased() < $1.assertion.id.uuidString.lowercased() }
            .prefix(min(max(limit, 1), 1_000))
            .map { StoredAssertion(assertion: $0.assertion, institutionID: $0.institutionID, jws: $0.jws) }
    }

    /// Replaces a still unrevoked assertion with its re-signed form.
    /// - Returns: whether it was replaced.
    public func replaceSigned(_ assertion: Assertion, jws: String) -> Bool {
        guard var row = rows[assertion.id], !row.assertion.isRevoked else { return false }
        row.assertion = assertion
        row.jws = jws
        rows[assertion.id] = row
        return true
    }

    public func existing(badgeClassID: UUID, recipientKeys: [String]) async throws -> [String: StoredAssertion] {
        let keys = Set(recipientKeys)
        var found: [String: StoredAssertion] = [:]
        for row in rows.values where row.assertion.badgeClassID == badgeClassID && keys.contains(row.recipientKey) {
            found[row.recipientKey] = StoredAssertion(assertion: row.assertion, institutionID: row.institutionID, jws: row.jws)
        }
        return found
    }

    public func store(_ items: [NewAssertion]) async throws -> [AwardOutcome] {
        storeCalls += 1
        if let issuerKeys {
            for case let (keyID, issuerID)? in items.map(\.signingKey) where !(await issuerKeys.isCurrent(keyID, issuerID: issuerID)) {
                throw BadgeCoreError(.signingKeyRetired, "issuer key \(keyID) was rotated while the award was signed")
            }
        }
        var outcomes: [AwardOutcome] = []
        for item in items {
            if let held = rows.values.first(where: {
                $0.assertion.badgeClassID == item.assertion.badgeClassID && $0.recipientKey == item.recipientKey
            }) {
                outcomes.append(.existing(held.assertion, jws: held.jws))
                continue
            }
            rows[item.assertion.id] = Row(
                assertion: item.assertion,
                recipientKey: item.recipientKey,
                institutionID: item.institutionID,
                jws: item.jws
            )
            order.append(item.assertion.id)
            audit.append(("award", item.assertion.id, item.actor))
            await outbox.enqueue(.assertionStored, subjectID: item.assertion.id, institutionID: item.institutionID, at: clock.now())
            if !item.outcomeIDs.isEmpty, let settle { await settle(item.outcomeIDs, item.assertion.id, item.institutionID) }
            try assignNumber(to: item.assertion.id, institutionID: item.institutionID)
            outcomes.append(.created(item.assertion, jws: item.jws))
        }
        return outcomes
    }

    public func find(id: UUID) async throws -> StoredAssertion? {
        rows[id].map { StoredAssertion(assertion: $0.assertion, institutionID: $0.institutionID, jws: $0.jws, recipientKey: $0.recipientKey) }
    }

    public func holdings(recipientKey: String, limit: Int) async throws -> [StoredAssertion] {
        Array(
            order.compactMap { rows[$0] }.filter { $0.recipientKey == recipientKey }
                .map { StoredAssertion(assertion: $0.assertion, institutionID: $0.institutionID, jws: $0.jws, recipientKey: $0.recipientKey) }
                .prefix(min(max(limit, 1), 5_000))
        )
    }

    public func heldAssertions(recipientKey: String, limit: Int) async throws -> [HeldAssertion] {
        try await holdings(recipientKey: recipientKey, limit: limit).map { HeldAssertion($0.assertion, recipientKey: recipientKey).toTheSecond }
    }

    public func heldAssertions(recipientKeys: [String], limit: Int) async throws -> [String: [HeldAssertion]] {
        var held: [String: [HeldAssertion]] = [:]
        for key in Set(recipientKeys).prefix(1_000) {
            let found = try await heldAssertions(recipientKey: key, limit: limit)
            if !found.isEmpty { held[key] = found }
        }
        return held
    }

    public func recipientKeys(holding badgeClassID: UUID, after: String?, limit: Int) async throws -> [String] {
        let keys = rows.values.filter { $0.assertion.badgeClassID == badgeClassID && !$0.assertion.isRevoked }.map(\.recipientKey)
        return Array(keys.filter { key in after.map { key > $0 } ?? true }.sorted().prefix(min(max(limit, 1), 1_000)))
    }

    public func revoke(id: UUID, reason: RevocationReason, at date: Date, actor: String) async throws -> Assertion? {
        guard var row = rows[id] else { return nil }
        guard !row.assertion.isRevoked else { return row.assertion }
        row.assertion.revoke(at: date, reason: reason.text)
        rows[id] = row
        audit.append(("revoke", id, actor))
        await outbox.enqueue(.assertionRevoked, subjectID: id, institutionID: row.institutionID, at: clock.now())
        return row.assertion
    }

    public func erase(recipientKey: String, institutionID: UUID?, at date: Date, actor: String) async throws -> [UUID] {
        var erased: [UUID] = []
        for id in order {
            guard let row = rows[id], row.recipientKey == recipientKey, institutionID == nil || row.institutionID == institutionID else { continue }
            let wasRevoked = row.assertion.isRevoked
            rows[id] = Row(assertion: row.assertion.erased(at: date), recipientKey: "erased:\(id)", institutionID: row.institutionID, jws: nil)
            audit.append(("erase", id, actor))
            if !wasRevoked { await outbox.enqueue(.assertionRevoked, subjectID: id, institutionID: row.institutionID, at: date) }
            erased.append(id)
        }
        return erased
    }

    public func revoked(issuerID: UUID) async throws -> [Assertion] {
        order.compactMap { rows[$0]?.assertion }.filter { $0.issuerID == issuerID && $0.isRevoked }
    }

    public func held(recipientKey: String, institutionID: UUID, limit: Int) async throws -> [Assertion] {
        Array(
            order.compactMap { rows[$0] }.filter { $0.recipientKey == recipientKey && $0.institutionID == institutionID && !$0.assertion.isRevoked }
                .map(\.assertion).prefix(min(max(limit, 1), 500))
        )
    }

    public func numbers(for assertionIDs: [UUID]) async throws -> [UUID: CredentialNumber] {
        var found: [UUID: CredentialNumber] = [:]
        for id in assertionIDs {
            guard let row = rows[id] else { continue }
            if numbers[id] == nil { try assignNumber(to: id, institutionID: row.institutionID) }
            found[id] = numbers[id]
        }
        return found
    }

    public func assertionID(numbered number: CredentialNumber) async throws -> UUID? {
        numbered[number.description]
    }

    /// Draws numbers until one is unused, as the SQL store does.
    private func assignNumber(to id: UUID, institutionID: UUID) throws {
        for _ in 0..<16 {
            let number = CredentialNumber(prefix: prefixes[institutionID] ?? "BD", random: random)
            guard numbered[number.description] == nil else { continue }
            numbered[number.description] = id
            numbers[id] = number
            return
        }
        throw BadgeCoreError(.conflict, "no unused credential number was drawn")
    }
}

extension HeldAssertion {
    /// The held assertion with its times cut to whole seconds, as the SQL stores keep them in columns.
    public var toTheSecond: HeldAssertion {
        func second(_ date: Date) -> Date { Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)) }
        var held = self
        held.issuedOn = second(issuedOn)
        held.expires = expires.map(second)
        held.revokedAt = revokedAt.map(second)
        return held
    }
}
