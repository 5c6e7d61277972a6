import Foundation

/// Where the data lives, parsed from the `db.url` configuration value.
///
/// - `sqlite:PATH` or a plain path: an SQLite file (its directory is created).
/// - `sqlite::memory:`: an in-memory SQLite database (tests).
/// - `postgres://user:password@host:port/database` (also `postgresql://`): PostgreSQL.
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file at this path.
    case sqliteFile(String)
    /// A private in-memory SQLite database.
    case sqliteMemory
    /// A PostgreSQL server; the URL may hold a password.
    case postgres(String)

    /// The embedded default, `./.data/badged.sqlite`.
    public static let defaultURL = "sqlite:./.data/badged.sqlite"

    /// Parses a `db.url` value.
    /// - Throws: ``StorageError`` `.invalidURL` for an empty value or an unknown scheme.
    public init(url: String) throws(StorageError) {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            self = .postgres(trimmed)
        } else if trimmed == "sqlite::memory:" || trimmed == ":memory:" {
            self = .sqliteMemory
        } else if trimmed.hasPrefix("sqlite:") {
            let path = String(trimmed.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "", options: .anchored)
            guard !path.isEmpty else { throw StorageError(.invalidURL, "db.url sqlite: needs a file path") }
            self = .sqliteFile(path)
        } else if !trimmed.isEmpty, !trimmed.contains("://") {
            self = .sqliteFile(trimmed)
        } else {
            throw StorageError(.invalidURL, "db.url must be sqlite:PATH, sqlite::memory: or postgres://…")
        }
    }

    /// A description that never shows the password.
    public var description: String {
        switch self {
        case .sqliteFile(let path): return "sqlite:\(path)"
        case .sqliteMemory: return "sqlite::memory:"
        case .postgres(let url):
            if var components = URLComponents(string: url) {
                if components.password != nil { components.password = "****" }
                components.query = nil
                return components.string ?? "postgres://…"
            }
            return "postgres://…"
        }
    }
}
