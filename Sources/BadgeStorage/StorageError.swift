public import Primitives
/// The one error type of the storage layer.
public struct StorageError: ModuleError {
    /// What kind of failure this is; extensible without breaking callers (see ``ErrorCode``).
    public typealias Code = ErrorCode<StorageError>

    /// What kind of failure this is.
    public let code: Code
    /// What happened, without secrets (never the database password).
    public let message: String
    /// The underlying driver error, if any.
    public let cause: (any Error)?
    /// Where the error was thrown.
    public let location: String

    /// Creates an error.
    public init(_ code: Code, _ message: String, cause: (any Error)? = nil, fileID: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.cause = cause
        self.location = "\(fileID):\(line)"
    }
}

extension ErrorCode where Module == StorageError {
    /// `db.url` could not be understood.
    public static let invalidURL = Self("invalidURL")
    /// The database could not be opened or reached.
    public static let unavailable = Self("unavailable")
    /// A schema migration failed.
    public static let migration = Self("migration")
    /// A stored row could not be decoded.
    public static let corruptRecord = Self("corruptRecord")
    /// A write conflicted with another in a way the caller cannot resolve by retrying.
    public static let conflict = Self("conflict")
}
