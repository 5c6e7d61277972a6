// Re-exported: every module's error is a `ModuleError`, whose members callers must see.
@_exported public import Primitives

/// The one error type of the storage layer.
public typealias StorageError = ModuleError<StorageErrors>

/// The domain of ``StorageError``s.
public enum StorageErrors: ErrorDomain {
    public static let name = "StorageError"
}

extension ErrorCode where Module == StorageErrors {
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
