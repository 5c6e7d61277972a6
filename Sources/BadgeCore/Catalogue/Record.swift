public import Foundation

/// A stored entity of the hierarchy: its content plus the identity and timestamps the
/// catalogue maintains.
///
/// It encodes flat, the content's keys beside `id`, `institution_id`, `created_at`,
/// `updated_at` and `archived_at`, which is the shape the API returns.
@dynamicMemberLookup
public struct Record<Content: CatalogContent>: Codable, Hashable, Sendable, Identifiable {
    /// The entity's identifier (a time-ordered UUID).
    public let id: UUID
    /// The institution the entity belongs to (its own id for an institution); used for scoping.
    public let institutionID: UUID
    /// The entity's data.
    public var content: Content
    /// When the entity was created.
    public let createdAt: Date
    /// When the entity last changed.
    public var updatedAt: Date
    /// When the entity was archived; archived entities are kept but take no new children.
    public var archivedAt: Date?

    /// Creates a record.
    public init(id: UUID, institutionID: UUID, content: Content, createdAt: Date, updatedAt: Date? = nil, archivedAt: Date? = nil) {
        self.id = id
        self.institutionID = institutionID
        self.content = content
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.archivedAt = archivedAt
    }

    /// Whether the entity is archived.
    public var isArchived: Bool { archivedAt != nil }

    /// Reads a property of the content.
    public subscript<Value>(dynamicMember keyPath: KeyPath<Content, Value>) -> Value {
        content[keyPath: keyPath]
    }

    enum CodingKeys: String, CodingKey {
        case id
        case institutionID = "institution_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case archivedAt = "archived_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(UUID.self, forKey: .id)
        content = try Content(from: decoder)
        institutionID = try c.decodeIfPresent(UUID.self, forKey: .institutionID) ?? id
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        updatedAt = try c.decode(Date.self, forKey: .updatedAt)
        archivedAt = try c.decodeIfPresent(Date.self, forKey: .archivedAt)
    }

    public func encode(to encoder: any Encoder) throws {
        try content.encode(to: encoder)
        // Identifiers go out in the lower-case form RFC 9562 recommends (Foundation would write
        // upper case), including the content's parent reference, which is overwritten here.
        if let field = Content.kind.parentField, let parentID = content.parentID {
            var parent = encoder.container(keyedBy: FieldKey.self)
            try parent.encode(parentID.uuidString.lowercased(), forKey: FieldKey(stringValue: field))
        }
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id.uuidString.lowercased(), forKey: .id)
        if Content.kind != .institution { try c.encode(institutionID.uuidString.lowercased(), forKey: .institutionID) }
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(archivedAt, forKey: .archivedAt)
    }
}

/// A coding key from a string known at run time.
private struct FieldKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
