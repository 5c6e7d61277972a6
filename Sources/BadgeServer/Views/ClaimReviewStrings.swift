/// The texts of the claim review page in one language (English and Dutch).
struct ClaimReviewStrings: Sendable {
    let title: String
    let linkTitle: String
    let linkText: String
    let linkButton: String
    let intro: String
    let scopeClass: String
    let scopeInstitution: String
    let empty: String
    let claimedBy: String
    let claimedOn: String
    let evidenceLink: String
    let openEvidence: String
    let openEvidenceWarning: String
    let evidenceText: String
    let commentLabel: String
    let approveButton: String
    let denyButton: String
    let approved: String
    let denied: String
    let signOut: String
    let identityTypes: [String: String]

    /// How a claimant's kind of identifier reads (`email` → "e-mail address").
    func identityType(_ type: String) -> String {
        identityTypes[type] ?? type
    }

    static let english = ClaimReviewStrings(
        title: "Review claims",
        linkTitle: "Open the claim review",
        linkText: "This link opens the review of claims once. It stops working after you use it.",
        linkButton: "Open the review",
        intro: "These claims wait for your decision. Look at the evidence, then approve (the badge is issued) or deny (the claimant may try again).",
        scopeClass: "Claims for",
        scopeInstitution: "Claims of",
        empty: "No claims wait for review.",
        claimedBy: "Claimant",
        claimedOn: "Claimed on",
        evidenceLink: "Link to the work",
        openEvidence: "Open the link",
        openEvidenceWarning: "It leads to a site outside badged; check the address first.",
        evidenceText: "Description",
        commentLabel: "Comment (optional, kept with the decision)",
        approveButton: "Approve",
        denyButton: "Deny",
        approved: "Approved: the badge is issued.",
        denied: "Denied: the claimant's use of the code is free again.",
        signOut: "Sign out",
        identityTypes: ["email": "e-mail address", "url": "web address", "telephone": "telephone number", "id": "account identifier"]
    )

    static let dutch = ClaimReviewStrings(
        title: "Claims beoordelen",
        linkTitle: "De beoordeling van claims openen",
        linkText: "Deze link opent de beoordeling van claims één keer. Na gebruik werkt hij niet meer.",
        linkButton: "Beoordeling openen",
        intro:
            "Deze claims wachten op je besluit. Bekijk het bewijs en keur goed (de badge wordt uitgegeven) of af (de aanvrager kan het opnieuw proberen).",
        scopeClass: "Claims voor",
        scopeInstitution: "Claims van",
        empty: "Er wachten geen claims op beoordeling.",
        claimedBy: "Aanvrager",
        claimedOn: "Geclaimd op",
        evidenceLink: "Link naar het werk",
        openEvidence: "Link openen",
        openEvidenceWarning: "Deze leidt naar een site buiten badged; controleer eerst het adres.",
        evidenceText: "Beschrijving",
        commentLabel: "Opmerking (optioneel, bewaard bij het besluit)",
        approveButton: "Goedkeuren",
        denyButton: "Afwijzen",
        approved: "Goedgekeurd: de badge is uitgegeven.",
        denied: "Afgewezen: het gebruik van de code door de aanvrager is weer vrij.",
        signOut: "Uitloggen",
        identityTypes: ["email": "e-mailadres", "url": "webadres", "telephone": "telefoonnummer", "id": "accountnummer"]
    )
}

extension PageLanguage {
    /// The review page's texts in this language.
    var claimReviewStrings: ClaimReviewStrings {
        switch self {
        case .en: .english
        case .nl: .dutch
        }
    }
}
