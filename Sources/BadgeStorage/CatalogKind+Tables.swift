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

    /// The kind one level up, if any.
    var parentKind: CatalogKind? {
        switch self {
        case .institution: nil
        case .faculty: .institution
        case .issuer: .faculty
        case .badgeClass: .issuer
        }
    }
}
