public import Foundation

/// One page of a re-signing job as the handler leaves it: the re-signed assertions with their
/// new JWS, and where the job stands after it.
public struct ResignedPage: Sendable {
    /// The re-signed assertions (their verification naming the new key) with their JWS.
    public let assertions: [(assertion: Assertion, jws: String)]
    /// The id of the last assertion the page covered; nil when the page was empty.
    public let cursor: UUID?
    /// Whether this was the last page.
    public let isLast: Bool

    /// Creates a page.
    public init(assertions: [(assertion: Assertion, jws: String)], cursor: UUID?, isLast: Bool) {
        self.assertions = assertions
        self.cursor = cursor
        self.isLast = isLast
    }
}
