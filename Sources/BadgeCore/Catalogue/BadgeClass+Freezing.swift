extension BadgeClass {
    /// The JSON names of the fields that carry the Open Badges extensions (and the type that
    /// decides which extensions are required). They are frozen once a class has unrevoked
    /// assertions, because every issued credential already states them.
    public static let frozenFields: [String] = [
        "badge_class_type", "language", "ects", "eqf", "learning_outcome",
        "education_program_identifier", "study_load", "time_investment",
    ]

    /// The frozen fields whose values differ between `self` and `updated`.
    public func frozenFieldChanges(to updated: BadgeClass) -> [String] {
        var changed: [String] = []
        if kind != updated.kind { changed.append("badge_class_type") }
        if language != updated.language { changed.append("language") }
        if ects != updated.ects { changed.append("ects") }
        if eqf != updated.eqf { changed.append("eqf") }
        if learningOutcome != updated.learningOutcome { changed.append("learning_outcome") }
        if educationProgramIdentifiers != updated.educationProgramIdentifiers {
            changed.append("education_program_identifier")
        }
        if studyLoad != updated.studyLoad { changed.append("study_load") }
        if timeInvestment != updated.timeInvestment { changed.append("time_investment") }
        return changed
    }

    /// Checks that `updated` may replace `self`.
    ///
    /// - Parameters:
    ///   - updated: the new version of the class.
    ///   - hasUnrevokedAssertions: whether credentials of this class are out in the world.
    /// - Throws: ``BadgeCoreError`` `.validation` if the issuer changes or the new version is
    ///   invalid, `.frozen` naming the first frozen field that changes.
    public func checkUpdate(to updated: BadgeClass, hasUnrevokedAssertions: Bool) throws(BadgeCoreError) {
        if updated.issuerID != issuerID {
            throw .invalid("issuer_id", "a badge class cannot move to another issuer")
        }
        try updated.validate()
        if hasUnrevokedAssertions, let field = frozenFieldChanges(to: updated).first {
            throw BadgeCoreError(
                .frozen,
                "\(field) cannot change: this badge class has unrevoked assertions that state it",
                field: field
            )
        }
    }
}
