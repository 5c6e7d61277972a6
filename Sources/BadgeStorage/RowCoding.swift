import BadgeCore
import Foundation
import PostgresKit
import SQLKit
import SQLiteKit

/// How records map to rows: content as JSON text, identifiers as lower-case UUID text and
/// times as Unix seconds, which read and compare the same on SQLite and PostgreSQL.
enum RowCoding {
    static let columns = ["id", "institution_id", "body", "created_at", "updated_at", "archived_at"]

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String, id: String) throws -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        } catch {
            throw StorageError(.corruptRecord, "stored body of \(id) does not decode as \(Value.self)", cause: error)
        }
    }

    /// Decodes a catalogue record from its columns, named with `prefix` when the row joins it
    /// to another table's.
    /// - Parameter cache: decoded contents to reuse while a row's body is unchanged.
    static func decodeRecord<Content: CatalogContent>(
        _ type: Content.Type,
        from row: any SQLRow,
        prefix: String = "",
        cache: DecodedBodies? = nil
    ) throws -> Record<Content> {
        let idText = try row.decode(column: prefix + "id", as: String.self)
        guard let id = UUID(uuidString: idText),
            let institutionID = UUID(uuidString: try row.decode(column: prefix + "institution_id", as: String.self))
        else { throw StorageError(.corruptRecord, "row \(idText) has a malformed identifier") }
        let body = try row.decode(column: prefix + "body", as: String.self)
        let content =
            try cache?.content(Content.self, id: id, body: body) { try decode(Content.self, from: $0, id: idText) }
            ?? decode(Content.self, from: body, id: idText)
        return Record(
            id: id,
            institutionID: institutionID,
            content: content,
            createdAt: Date(unixSeconds: try row.decode(column: prefix + "created_at", as: Int64.self)),
            updatedAt: Date(unixSeconds: try row.decode(column: prefix + "updated_at", as: Int64.self)),
            archivedAt: try row.decode(column: prefix + "archived_at", as: Int64?.self).map(Date.init(unixSeconds:))
        )
    }

    /// Whether a driver error is a unique-constraint violation (a race that a pre-check missed).
    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let error = error as? SQLiteError {
            return [.constraint, .constraintUniqueFailed, .constraintPrimaryKeyFailed].contains(error.reason)
        }
        if let error = error as? PSQLError {
            return error.serverInfo?[.sqlState] == PostgresError.Code.uniqueViolation.raw
        }
        return false
    }
}

extension UUID {
    /// The canonical lower-case text form used in every identifier column.
    var sqlText: String { uuidString.lowercased() }
}

extension Date {
    /// Whole seconds since 1970, the stored form of every timestamp.
    var unixSeconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }

    init(unixSeconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(unixSeconds))
    }
}
