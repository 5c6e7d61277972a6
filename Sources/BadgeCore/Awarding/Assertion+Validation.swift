extension Assertion {
    /// The longest narrative, and the longest narrative of one piece of evidence, in characters.
    public static let maximumNarrativeLength = 10_000
    /// The most pieces of evidence one assertion carries.
    public static let maximumEvidenceCount = 50
    /// The longest name of one piece of evidence, in characters.
    public static let maximumEvidenceNameLength = 500
    /// The longest grade, in characters.
    public static let maximumGradeLength = 100
    /// The most text one assertion carries in all (narrative, evidence, grade), in characters:
    /// every stored assertion stays small enough to be signed, baked into a PNG or SVG and
    /// served, whatever route asks for it.
    public static let maximumTextLength = 32_000

    /// Throws the first rule the assertion breaks, naming the field.
    public func validate() throws(BadgeCoreError) {
        if let expires, expires <= issuedOn {
            throw .invalid("expires", "expires must be after issued_on")
        }
        if let narrative { try Validation.requireText(narrative, field: "narrative", maxLength: Self.maximumNarrativeLength) }
        if let grade { try Validation.requireText(grade, field: "grade", maxLength: Self.maximumGradeLength) }
        guard evidence.count <= Self.maximumEvidenceCount else {
            throw .invalid("evidence", "an assertion carries at most \(Self.maximumEvidenceCount) pieces of evidence")
        }
        for (index, item) in evidence.enumerated() {
            guard item.url != nil || item.narrative != nil else {
                throw .invalid("evidence[\(index)]", "evidence needs a url or a narrative")
            }
            if let url = item.url { try Validation.requireWebURL(url, field: "evidence[\(index)].url") }
            if let narrative = item.narrative {
                try Validation.requireText(narrative, field: "evidence[\(index)].narrative", maxLength: Self.maximumNarrativeLength)
            }
            if let name = item.name { try Validation.requireText(name, field: "evidence[\(index)].name", maxLength: Self.maximumEvidenceNameLength) }
        }
        let total =
            (narrative?.count ?? 0) + (grade?.count ?? 0)
            + evidence.reduce(0) { $0 + ($1.url?.count ?? 0) + ($1.narrative?.count ?? 0) + ($1.name?.count ?? 0) }
        guard total <= Self.maximumTextLength else {
            throw .invalid("evidence", "an assertion carries at most \(Self.maximumTextLength) characters of narrative, evidence and grade in all")
        }
        if case .signed(let keyID) = verification, keyID.isEmpty {
            throw .invalid("verification.key_id", "a signed assertion needs a key id")
        }
    }
}
