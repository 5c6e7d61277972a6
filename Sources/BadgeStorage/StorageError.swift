/// The one error type of the storage layer.
public struct StorageError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case invalidURL
            case unavailable
            case migration
            case corruptRecord
            case conflict
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// `db.url` could not be understood.
        public static let invalidURL = Code(.invalidURL)
        /// The database could not be opened or reached.
        public static let unavailable = Code(.unavailable)
        /// A schema migration failed.
        public static let migration = Code(.migration)
        /// A stored row could not be decoded.
        public static let corruptRecord = Code(.corruptRecord)
        /// A write conflicted with another in a way the caller cannot resolve by retrying.
        public static let conflict = Code(.conflict)

        public var description: String { value.rawValue }
    }

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

    public var description: String { "StorageError(\(code)): \(message)" }
}
