import BadgeCore

extension CatalogKind {
    /// The table that holds records of this kind.
    var table: String {
        switch self {
        case .institution: "institutions"
        case .faculty: "faculties"
        case .issuer: "issuers"
        case .badgeClass: "badge_classes"
        }
    }
}
