public import Foundation

/// Which slice of a list to return: at most `limit` items after the cursor, in creation order.
public struct PageRequest: Hashable, Sendable {
    /// The largest page size a caller may ask for.
    public static let maximumLimit = 200
    /// How many items at most.
    public let limit: Int
    /// The id of the last item of the previous page, or nil for the first page.
    public let after: UUID?

    /// Creates a page request.
    /// - Throws: ``BadgeCoreError`` naming `limit` unless it is between 1 and ``maximumLimit``.
    public init(limit: Int = 50, after: UUID? = nil) throws(BadgeCoreError) {
        guard (1...Self.maximumLimit).contains(limit) else {
            throw .invalid("limit", "limit must be between 1 and \(Self.maximumLimit)")
        }
        self.limit = limit
        self.after = after
    }
}

/// One page of a list, with the cursor for the next one.
public struct Page<Item: Sendable>: Sendable {
    /// The items, in creation order.
    public var items: [Item]
    /// Pass as `after` to get the next page; nil on the last page.
    public var nextCursor: UUID?

    /// Creates a page.
    public init(items: [Item], nextCursor: UUID?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page: Encodable where Item: Encodable {
    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(nextCursor, forKey: .nextCursor)
    }
}
