public import Foundation

/// The storage port for assertions. Awarding is idempotent on (badge class, recipient key): the
/// store's unique key decides, so the same award arriving twice, or concurrently on several
/// daemons, stores one assertion.
public protocol AssertionStore: Sendable {
    /// The assertions of a badge class already held by the given recipients, by recipient key.
    func existing(badgeClassID: UUID, recipientKeys: [String]) async throws -> [String: StoredAssertion]

    /// Stores assertions in one transaction: every assertion with its audit row and its outbox
    /// message (`assertion.stored`), or nothing. A recipient who already holds the class keeps
    /// the assertion they have.
    /// - Returns: one outcome per item, in order.
    /// - Throws: ``BadgeCoreError`` `.signingKeyRetired`, writing nothing, when a signed item
    ///   names a key that is not its issuer's current key at commit (a rotation committed while
    ///   it was signed); the key is read with a lock that a rotation waits for.
    func store(_ items: [NewAssertion]) async throws -> [AwardOutcome]

    /// The assertion with this id, with its recipient key, or nil.
    func find(id: UUID) async throws -> StoredAssertion?

    /// The assertions with these ids, with their recipient keys, in one read (an outbox batch's
    /// subjects); unknown ids are left out.
    /// - Parameter ids: at most 500 are read.
    func find(ids: [UUID]) async throws -> [UUID: StoredAssertion]

    /// Revokes an assertion, with its audit row and outbox message (`assertion.revoked`), in one
    /// transaction; revoking twice keeps the first reason.
    /// - Returns: the assertion as stored now, or nil if there is none.
    func revoke(id: UUID, reason: RevocationReason, at date: Date, actor: String) async throws -> Assertion?

    /// Erases the recipient of every assertion held by `recipientKey` (of one institution, or of
    /// all when nil): each becomes ``Assertion/erased(at:)`` and no longer matches the key, with an
    /// audit row that names no one and an outbox message for the newly revoked, in one transaction.
    /// - Returns: the ids of the erased assertions.
    func erase(recipientKey: String, institutionID: UUID?, at date: Date, actor: String) async throws -> [UUID]

    /// The revoked assertions of an issuer, for its RevocationList.
    func revoked(issuerID: UUID) async throws -> [Assertion]

    /// The unrevoked assertions of an institution held by the recipient with this key, oldest first.
    /// - Parameter limit: the most assertions returned (bounded to 1…500).
    func held(recipientKey: String, institutionID: UUID, limit: Int) async throws -> [Assertion]

    /// Every assertion held by the recipient with this key, of every institution, revoked ones
    /// included (stacking explains what no longer counts), oldest first.
    /// - Parameter limit: the most assertions returned (bounded to 1…5000).
    func holdings(recipientKey: String, limit: Int) async throws -> [StoredAssertion]

    /// Every assertion held by the recipient with this key as stacking judges it (revoked ones
    /// included), oldest first: columns only, no document is decoded.
    /// - Parameter limit: the most assertions returned (bounded to 1…5000).
    func heldAssertions(recipientKey: String, limit: Int) async throws -> [HeldAssertion]

    /// ``heldAssertions(recipientKey:limit:)`` of several recipients in one call (a cohort's
    /// page), by recipient key; recipients holding nothing are left out.
    /// - Parameters:
    ///   - recipientKeys: at most 1000 are read.
    ///   - limit: the most assertions returned per recipient (bounded to 1…5000).
    func heldAssertions(recipientKeys: [String], limit: Int) async throws -> [String: [HeldAssertion]]

    /// The recipient keys holding an unrevoked assertion of the badge class, in ascending order,
    /// one page at a time (a cohort merges one such ordered read per component class: one read of
    /// several classes at once cannot follow an index in key order, and re-sorting every page made
    /// a cohort's paging quadratic).
    /// - Parameters:
    ///   - after: the last key of the previous page; nil for the first page.
    ///   - limit: the most keys returned (bounded to 1…1000).
    func recipientKeys(holding badgeClassID: UUID, after: String?, limit: Int) async throws -> [String]
}

extension AssertionStore {
    /// One ``find(id:)`` per id, for stores without a batch read.
    public func find(ids: [UUID]) async throws -> [UUID: StoredAssertion] {
        var found: [UUID: StoredAssertion] = [:]
        for id in Set(ids.prefix(500)) {
            if let stored = try await find(id: id) { found[id] = stored }
        }
        return found
    }
}
