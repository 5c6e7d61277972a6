import BadgeCore
import Foundation
import SQLKit

/// Gives assertions their credential numbers inside the caller's transaction: each number is
/// drawn from the injected random source with its institution's prefix, written with
/// `ON CONFLICT DO NOTHING`, and drawn again for any that collided. An assertion that meanwhile
/// got a number (another daemon numbering the same old assertion) keeps that one.
struct CredentialNumbering: Sendable {
    let random: any RandomSource
    /// Rounds of drawing before giving up; with 35 random bits a second round is already rare.
    static let maximumRounds = 16

    /// Numbers the assertions that have none, in the caller's transaction.
    /// - Parameter areNew: the assertions were inserted by this transaction, so hold no number yet.
    /// - Returns: the number of each assertion that exists, new or already held.
    func assign(_ assertionIDs: [UUID], areNew: Bool = false, in db: any SQLDatabase) async throws -> [UUID: CredentialNumber] {
        guard !assertionIDs.isEmpty else { return [:] }
        var numbers = areNew ? [:] : try await Self.existing(assertionIDs, in: db)
        var prefixes = try await Self.prefixes(of: assertionIDs.filter { numbers[$0] == nil }, in: db)
        for _ in 0..<Self.maximumRounds where !prefixes.isEmpty {
            let drawn = prefixes.map { ($0.key, CredentialNumber(prefix: $0.value, random: random)) }
            let insert = db.insert(into: "credential_numbers").columns("number", "assertion_id")
            for (id, number) in drawn { insert.values(SQLBind(number.description), SQLBind(id.sqlText)) }
            let written = Set(
                try await insert.ignoringConflicts().returning("assertion_id").all().map { try $0.decode(column: "assertion_id", as: String.self) }
            )
            for (id, number) in drawn where written.contains(id.sqlText) {
                numbers[id] = number
                prefixes[id] = nil
            }
            guard !prefixes.isEmpty else { break }
            for (id, number) in try await Self.existing(Array(prefixes.keys), in: db) {
                numbers[id] = number
                prefixes[id] = nil
            }
        }
        guard prefixes.isEmpty else { throw StorageError(.conflict, "no unused credential number was drawn") }
        return numbers
    }

    /// The numbers already held by these assertions.
    static func existing(_ assertionIDs: [UUID], in db: any SQLDatabase) async throws -> [UUID: CredentialNumber] {
        guard !assertionIDs.isEmpty else { return [:] }
        var found: [UUID: CredentialNumber] = [:]
        let rows = try await db.select().columns("assertion_id", "number").from("credential_numbers")
            .where("assertion_id", .in, SQLBind.group(assertionIDs.map(\.sqlText))).all()
        for row in rows {
            let text = try row.decode(column: "number", as: String.self)
            guard let id = UUID(uuidString: try row.decode(column: "assertion_id", as: String.self)),
                let number = CredentialNumber(parsing: text)
            else { throw StorageError(.corruptRecord, "credential number \(text) is malformed") }
            found[id] = number
        }
        return found
    }

    /// The prefix of each existing assertion, from the institution of its badge class.
    private static func prefixes(of assertionIDs: [UUID], in db: any SQLDatabase) async throws -> [UUID: String] {
        guard !assertionIDs.isEmpty else { return [:] }
        let rows = try await db.raw(
            """
            SELECT assertions.id AS id, institutions.body AS body FROM assertions
            JOIN badge_classes ON badge_classes.id = assertions.badge_class_id
            JOIN institutions ON institutions.id = badge_classes.institution_id
            WHERE assertions.id IN (\(binds: assertionIDs.map(\.sqlText)))
            """
        ).all()
        var prefixes: [UUID: String] = [:]
        for row in rows {
            let idText = try row.decode(column: "id", as: String.self)
            let institution = try RowCoding.decode(Institution.self, from: try row.decode(column: "body", as: String.self), id: idText)
            if let id = UUID(uuidString: idText) { prefixes[id] = CredentialNumber.prefix(for: institution) }
        }
        return prefixes
    }
}
