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

    /// The public JSON name of the parent reference, for error messages.
    var parentField: String {
        switch self {
        case .institution: "id"
        case .faculty: "institution_id"
        case .issuer: "faculty_id"
        case .badgeClass: "issuer_id"
        }
    }
}
