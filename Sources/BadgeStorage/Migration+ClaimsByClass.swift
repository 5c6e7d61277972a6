extension Migration {
    /// Version 26: waiting claims of one badge class (a class-scoped reviewer link, and
    /// `GET /api/v1/claims?badge_class_id=`) are read through an index of their own, in the order
    /// the list shows them, instead of filtering every waiting claim of the institution.
    static let v26ClaimsByClass = Migration(
        version: 26,
        name: "claims_by_class",
        statements: [
            "CREATE INDEX claims_by_class ON claims (state, badge_class_id, created_at)"
        ]
    )
}
