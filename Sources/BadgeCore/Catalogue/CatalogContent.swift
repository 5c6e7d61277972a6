public import Foundation

/// The entities of the issuer hierarchy: Institution → Faculty → Issuer → BadgeClass.
public enum CatalogKind: String, Sendable, CaseIterable {
    case institution
    case faculty
    case issuer
    case badgeClass = "badge_class"

    /// The JSON name of the reference to the parent, such as `issuer_id` for a badge class.
    public var parentField: String? {
        switch self {
        case .institution: nil
        case .faculty: "institution_id"
        case .issuer: "faculty_id"
        case .badgeClass: "issuer_id"
        }
    }

    /// The kind one level up, if any.
    public var parentKind: CatalogKind? {
        switch self {
        case .institution: nil
        case .faculty: .institution
        case .issuer: .faculty
        case .badgeClass: .issuer
        }
    }

    /// The kind's name for messages: `badge class`.
    public var displayName: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// A value of the issuer hierarchy that the catalogue stores inside a ``Record``.
public protocol CatalogContent: Codable, Hashable, Sendable {
    /// Which entity this is.
    static var kind: CatalogKind { get }
    /// The entity one level up (nil for an institution). It never changes after creation.
    var parentID: UUID? { get }
    /// Throws the first rule the value breaks.
    func validate() throws(BadgeCoreError)
    /// Checks that `updated` may replace `self`, given what the store knows of the record: the
    /// one place that decides which entities freeze. The default validates `updated`.
    func checkUpdate(to updated: Self, context: UpdateContext) throws(BadgeCoreError)
}

extension CatalogContent {
    public func checkUpdate(to updated: Self, context: UpdateContext) throws(BadgeCoreError) {
        try updated.validate()
    }
}

extension Institution: CatalogContent {
    public static var kind: CatalogKind { .institution }
    public var parentID: UUID? { nil }
}

extension Faculty: CatalogContent {
    public static var kind: CatalogKind { .faculty }
    public var parentID: UUID? { institutionID }
}

extension Issuer: CatalogContent {
    public static var kind: CatalogKind { .issuer }
    public var parentID: UUID? { facultyID }
}

extension BadgeClass: CatalogContent {
    public static var kind: CatalogKind { .badgeClass }
    public var parentID: UUID? { issuerID }

    /// A badge class freezes the fields its credentials state once it has unrevoked assertions.
    public func checkUpdate(to updated: BadgeClass, context: UpdateContext) throws(BadgeCoreError) {
        try checkUpdate(to: updated, hasUnrevokedAssertions: context.hasUnrevokedAssertions)
    }
}
