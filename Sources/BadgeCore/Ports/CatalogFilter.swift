public import Foundation

/// Which records a list returns.
public struct CatalogFilter: Hashable, Sendable {
    /// Only records of this institution; nil for every institution (operator keys).
    public var institutionID: UUID?
    /// Only children of this parent (for example the badge classes of one issuer).
    public var parentID: UUID?
    /// Whether archived records are included.
    public var includeArchived: Bool

    /// Creates a filter.
    public init(institutionID: UUID? = nil, parentID: UUID? = nil, includeArchived: Bool = false) {
        self.institutionID = institutionID
        self.parentID = parentID
        self.includeArchived = includeArchived
    }
}
