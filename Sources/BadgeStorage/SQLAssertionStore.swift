public import BadgeCore
public import Foundation
import SQLKit

/// Assertions in SQL. Awarding is idempotent on (badge class, recipient key): the unique key
/// decides, so the same award arriving twice, or concurrently on several daemons, stores one row.
/// Every change is written with its audit rows and outbox messages in one transaction.
public struct SQLAssertionStore: AssertionStore {
    let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    /// The assertions of a badge class already held by the given recipients, by recipient key.
    public func existing(badgeClassID: UUID, recipientKeys: [String]) async throws -> [String: StoredAssertion] {
        guard !recipientKeys.isEmpty else { return [:] }
        return try await database.read { db in try await Self.existing(badgeClassID: badgeClassID, recipientKeys: recipientKeys, in: db) }
    }

    /// Stores assertions in one transaction: every row with its audit row, or nothing. A
    /// recipient who already holds the class (awarded meanwhile, by this call or by another
    /// daemon) keeps the assertion they have; the unique key (badge class, recipient key) decides.
    /// - Returns: one outcome per item, in order.
    public func store(_ items: [NewAssertion]) async throws -> [AwardOutcome] {
        guard !items.isEmpty else { return [] }
        let encoded = try items.map { try RowCoding.encode($0.assertion) }
        return try await database.transaction { [audit = database.auditLog, numbering = database.credentialNumbering] db in
            try await Self.insert(items, encoded: encoded, audit: audit, numbering: numbering, in: db)
        }
    }

    /// Inserts assertions inside the caller's transaction, each with its audit row and outbox
    /// message, and settles the recorded grades they name; see ``store(_:)``. Signed items must
    /// name their issuer's current key (``SQLIssuerKeyStore/requireCurrent(_:in:)``).
    /// - Parameters:
    ///   - encoded: each assertion's stored body.
    ///   - numbering: gives each created assertion its credential number.
    static func insert(
        _ items: [NewAssertion],
        encoded: [String],
        audit: AuditLog,
        numbering: CredentialNumbering,
        in db: any SQLDatabase
    ) async throws -> [AwardOutcome] {
        // Before any row is written: the key rows are the only locks a rotation shares with an award.
        try await SQLIssuerKeyStore.requireCurrent(items.compactMap(\.signingKey), in: db)
        var inserted: Set<String> = []
        for start in stride(from: 0, to: items.count, by: 250) {
            let insert = db.insert(into: "assertions")
                .columns("id", "badge_class_id", "recipient_hash", "body", "issued_at", "revoked_at", "issuer_id", "institution_id", "jws", "expires_at")
            for index in start..<min(start + 250, items.count) {
                let item = items[index]
                let assertion = item.assertion
                insert.values(
                    SQLBind(assertion.id.sqlText),
                    SQLBind(assertion.badgeClassID.sqlText),
                    SQLBind(item.recipientKey),
                    SQLBind(encoded[index]),
                    SQLBind(assertion.issuedOn.unixSeconds),
                    SQLBind(Int64?.none),
                    SQLBind(assertion.issuerID.sqlText),
                    SQLBind(item.institutionID.sqlText),
                    SQLBind(item.jws),
                    SQLBind(assertion.expires?.unixSeconds)
                )
            }
            for row in try await insert.ignoringConflicts(with: ["badge_class_id", "recipient_hash"]).returning("id").all() {
                inserted.insert(try row.decode(column: "id", as: String.self))
            }
        }
        let created = items.filter { inserted.contains($0.assertion.id.sqlText) }
        _ = try await numbering.assign(created.map(\.assertion.id), areNew: true, in: db)
        try await SQLOutcomeEventStore.settle(created, audit: audit, in: db)
        try await SQLOutbox.enqueue(created.map { (.assertionStored, $0.assertion.id, $0.institutionID) }, audit: audit, in: db)
        for (scope, group) in Dictionary(grouping: created, by: { AuditScope(institutionID: $0.institutionID, actor: $0.actor) }) {
            try await audit.append(
                action: "award",
                kind: .badgeClass,
                ids: group.map(\.assertion.id),
                institutionID: scope.institutionID,
                actor: scope.actor,
                in: db
            )
        }
        var held: [UUID: [String: StoredAssertion]] = [:]
        let lostRaces = items.filter { !inserted.contains($0.assertion.id.sqlText) }
        for (badgeClassID, group) in Dictionary(grouping: lostRaces, by: \.assertion.badgeClassID) {
            held[badgeClassID] = try await Self.existing(badgeClassID: badgeClassID, recipientKeys: group.map(\.recipientKey), in: db)
        }
        return try items.map { item in
            if inserted.contains(item.assertion.id.sqlText) { return .created(item.assertion, jws: item.jws) }
            guard let existing = held[item.assertion.badgeClassID]?[item.recipientKey] else {
                throw StorageError(.conflict, "an award of this badge class conflicted and no assertion holds it")
            }
            return .existing(existing.assertion, jws: existing.jws)
        }
    }

    struct AuditScope: Hashable {
        let institutionID: UUID
        let actor: String
    }

    public func find(id: UUID) async throws -> StoredAssertion? {
        try await database.read { db in
            guard
                let row = try await db.select().columns("body", "institution_id", "jws", "recipient_hash").from("assertions")
                    .where("id", .equal, id.sqlText).first()
            else { return nil }
            return try Self.stored(row, id: id.sqlText)
        }
    }

    public func find(ids: [UUID]) async throws -> [UUID: StoredAssertion] {
        let texts = Array(Set(ids.prefix(500).map(\.sqlText)))
        guard !texts.isEmpty else { return [:] }
        let rows = try await database.read { db in
            try await db.select().columns("id", "body", "institution_id", "jws", "recipient_hash").from("assertions")
                .where("id", .in, SQLBind.group(texts)).all()
        }
        var found: [UUID: StoredAssertion] = [:]
        for row in rows {
            let stored = try Self.stored(row, id: try row.decode(column: "id", as: String.self))
            found[stored.assertion.id] = stored
        }
        return found
    }

    public func holdings(recipientKey: String, limit: Int) async throws -> [StoredAssertion] {
        try await database.read { db in
            try await db.select().columns("id", "body", "institution_id", "jws", "recipient_hash").from("assertions")
                .where("recipient_hash", .equal, recipientKey).orderBy("issued_at").orderBy("id").limit(min(max(limit, 1), 5_000)).all()
                .map { try Self.stored($0, id: "assertion") }
        }
    }

    public func heldAssertions(recipientKey: String, limit: Int) async throws -> [HeldAssertion] {
        try await heldAssertions(recipientKeys: [recipientKey], limit: limit)[recipientKey] ?? []
    }

    public func heldAssertions(recipientKeys: [String], limit: Int) async throws -> [String: [HeldAssertion]] {
        let keys = Array(Set(recipientKeys).prefix(1_000))
        guard !keys.isEmpty else { return [:] }
        // Every column read is in `assertions_by_recipient`: the rows' documents are not touched.
        let rows = try await database.read { db in
            try await db.select().columns(Self.heldColumns).from("assertions")
                .where("recipient_hash", .in, SQLBind.group(keys)).orderBy("recipient_hash").orderBy("issued_at").orderBy("id").all()
        }
        var held: [String: [HeldAssertion]] = [:]
        let bound = min(max(limit, 1), 5_000)
        // A page names a few badge classes and issuers many times: each is parsed once.
        var parsed: [String: UUID] = [:]
        for row in rows {
            let assertion = try Self.held(row, parsed: &parsed)
            if held[assertion.recipientKey, default: []].count < bound { held[assertion.recipientKey, default: []].append(assertion) }
        }
        return held
    }

    /// The columns of a ``HeldAssertion``, all in the `assertions_by_recipient` index.
    static let heldColumns = ["recipient_hash", "issued_at", "id", "badge_class_id", "issuer_id", "revoked_at", "expires_at"]

    /// A row of ``heldColumns`` as a held assertion.
    /// - Parameter parsed: badge class and issuer ids parsed so far, by their text.
    static func held(_ row: any SQLRow, parsed: inout [String: UUID]) throws -> HeldAssertion {
        func uuid(_ text: String) -> UUID? {
            if let known = parsed[text] { return known }
            let id = UUID(uuidString: text)
            parsed[text] = id
            return id
        }
        let idText = try row.decode(column: "id", as: String.self)
        guard let id = UUID(uuidString: idText), let badgeClassID = uuid(try row.decode(column: "badge_class_id", as: String.self)),
            let issuerID = try row.decode(column: "issuer_id", as: String?.self).flatMap(uuid)
        else { throw StorageError(.corruptRecord, "assertion \(idText) has a malformed id") }
        return HeldAssertion(
            id: id,
            badgeClassID: badgeClassID,
            issuerID: issuerID,
            issuedOn: Date(unixSeconds: try row.decode(column: "issued_at", as: Int64.self)),
            expires: try row.decode(column: "expires_at", as: Int64?.self).map(Date.init(unixSeconds:)),
            revokedAt: try row.decode(column: "revoked_at", as: Int64?.self).map(Date.init(unixSeconds:)),
            recipientKey: try row.decode(column: "recipient_hash", as: String.self)
        )
    }

    public func recipientKeys(holding badgeClassID: UUID, after: String?, limit: Int) async throws -> [String] {
        try await database.read { db in
            let query = db.select().column("recipient_hash").from("assertions")
                .where("badge_class_id", .equal, badgeClassID.sqlText)
                .where("revoked_at", .is, SQLLiteral.null)
            if let after { query.where("recipient_hash", .greaterThan, SQLBind(after)) }
            return try await query.orderBy("recipient_hash").limit(min(max(limit, 1), 1_000)).all()
                .map { try $0.decode(column: "recipient_hash", as: String.self) }
        }
    }

    /// A row of `body`, `institution_id`, `jws` and `recipient_hash` as a stored assertion.
    private static func stored(_ row: any SQLRow, id: String) throws -> StoredAssertion {
        StoredAssertion(
            assertion: try RowCoding.decode(Assertion.self, from: try row.decode(column: "body", as: String.self), id: id),
            institutionID: try row.decode(column: "institution_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            jws: try row.decode(column: "jws", as: String?.self),
            recipientKey: try row.decode(column: "recipient_hash", as: String.self)
        )
    }

    public func revoke(id: UUID, reason: RevocationReason, at date: Date, actor: String) async throws -> Assertion? {
        try await database.transaction { db in
            guard
                let row = try await db.select().columns("body", "institution_id").from("assertions")
                    .where("id", .equal, id.sqlText).for(.update).first()
            else { return nil }
            var assertion = try RowCoding.decode(Assertion.self, from: try row.decode(column: "body", as: String.self), id: id.sqlText)
            guard !assertion.isRevoked else { return assertion }
            assertion.revoke(at: date, reason: reason.text)
            try await db.update("assertions").set("body", to: SQLBind(try RowCoding.encode(assertion)))
                .set("revoked_at", to: SQLBind(date.unixSeconds)).where("id", .equal, id.sqlText).run()
            let institutionID = try row.decode(column: "institution_id", as: String?.self).flatMap(UUID.init(uuidString:))
            try await database.auditLog.append(action: "revoke", kind: .badgeClass, id: id, institutionID: institutionID, actor: actor, in: db)
            try await SQLOutbox.enqueue([(.assertionRevoked, id, institutionID)], audit: database.auditLog, in: db)
            return assertion
        }
    }

    public func held(recipientKey: String, institutionID: UUID, limit: Int) async throws -> [Assertion] {
        try await database.read { db in
            try await db.select().columns("body").from("assertions")
                .where("recipient_hash", .equal, recipientKey).where("institution_id", .equal, institutionID.sqlText)
                .where("revoked_at", .is, SQLLiteral.null).orderBy("issued_at").orderBy("id").limit(min(max(limit, 1), 500)).all()
                .map { try RowCoding.decode(Assertion.self, from: try $0.decode(column: "body", as: String.self), id: "assertion") }
        }
    }

    public func revoked(issuerID: UUID) async throws -> [Assertion] {
        try await database.session { db in
            try await db.select().columns("id", "body").from("assertions").where("issuer_id", .equal, issuerID.sqlText)
                .where("revoked_at", .isNot, SQLLiteral.null).orderBy("id").all()
                .map { try RowCoding.decode(Assertion.self, from: try $0.decode(column: "body", as: String.self), id: "assertion") }
        }
    }

    private static func existing(
        badgeClassID: UUID,
        recipientKeys: [String],
        in db: any SQLDatabase
    ) async throws -> [String: StoredAssertion] {
        guard !recipientKeys.isEmpty else { return [:] }
        let rows = try await db.select().columns("recipient_hash", "body", "jws").from("assertions")
            .where("badge_class_id", .equal, badgeClassID.sqlText)
            .where("recipient_hash", .in, SQLBind.group(recipientKeys)).all()
        var found: [String: StoredAssertion] = [:]
        for row in rows {
            found[try row.decode(column: "recipient_hash", as: String.self)] = StoredAssertion(
                assertion: try RowCoding.decode(Assertion.self, from: try row.decode(column: "body", as: String.self), id: "assertion"),
                institutionID: nil,
                jws: try row.decode(column: "jws", as: String?.self)
            )
        }
        return found
    }
}
