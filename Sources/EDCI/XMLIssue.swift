/// One problem libxml2 reported about a document: a parse error or a schema violation.
public struct XMLIssue: Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line in the document, or 0 when libxml2 did not know it.
    public let line: Int
    /// libxml2's message, trimmed.
    public let message: String

    /// Creates an issue.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}
