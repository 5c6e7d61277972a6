import BadgeCore
import Foundation

/// Builds the ``XMLTree`` of one credential, in the element order the XSD prescribes.
struct EDCICredentialBuilder {
    typealias Achievement = EDCICredentialInput.Achievement

    let input: EDCICredentialInput
    private(set) var diagnostics: [ConversionDiagnostic] = []
    var learningOutcomes: [XMLTree] = []
    var specifications: [XMLTree] = []
    var awardingProcesses: [XMLTree] = []

    static let issuerID = "urn:badged:organization:issuer"
    static let institutionID = "urn:badged:organization:institution"

    init(input: EDCICredentialInput) {
        self.input = input
    }

    /// The language the credential is primarily written in: the badge class's language of instruction.
    var primaryLanguage: String {
        let language = input.achievement.badgeClass.language.lowercased()
        if language.hasPrefix("nl") { return "nl" }
        if language.hasPrefix("en") { return "en" }
        return input.institution.defaultLanguage == "en" ? "en" : "nl"
    }

    mutating func build() throws(EDCIError) -> XMLTree {
        let main = input.achievement
        try require(!main.assertionID.trimmed.isEmpty, "the assertion id is empty")
        try require(!input.learner.identifier.trimmed.isEmpty, "the learner identifier is empty")
        try require(!main.badgeClass.name.isEmpty, "the badge class has no name")

        let achievement = try learningAchievement(main, index: 0, components: input.components)
        var children: [XMLTree] = [
            credentialType(),
            XMLTree("primaryLanguage", text: primaryLanguage),
            XMLTree("availableLanguages", children: availableLanguages().map { XMLTree("language", text: $0) }),
            XMLTree("issued", namespace: .cred, text: Self.dateTime(main.issuedOn)),
        ]
        if let expires = input.expires {
            children.append(XMLTree("validUntil", namespace: .cred, text: Self.dateTime(expires)))
        }
        children.append(XMLTree("issuer", namespace: .cred, [("idref", Self.issuerID)]))
        children.append(XMLTree("title", children: texts(main.badgeClass.name)))
        if !main.badgeClass.description.isEmpty {
            children.append(XMLTree("description", children: texts(main.badgeClass.description)))
        }
        children.append(credentialSubject(achievement))
        children.append(XMLTree("learningSpecificationReferences", children: specifications))
        if !learningOutcomes.isEmpty {
            children.append(XMLTree("learningOutcomeReferences", children: learningOutcomes))
        }
        children.append(XMLTree("agentReferences", children: organizations()))
        children.append(XMLTree("awardingProcessReferences", children: awardingProcesses))
        return XMLTree("europassCredential", [("xsdVersion", "0.10.0")], children: children)
            .with(credAttribute: "id", main.assertionID)
    }

    private func require(_ condition: Bool, _ problem: String) throws(EDCIError) {
        if !condition { throw EDCIError(.invalidInput, "Cannot export an EDCI credential: \(problem)") }
    }

    mutating func note(_ path: String, _ message: String) {
        diagnostics.append(ConversionDiagnostic(path: path, message: message))
    }

    // MARK: credential-level pieces

    private func credentialType() -> XMLTree {
        XMLTree(
            "type",
            [("targetFrameworkUrl", EDCIVocabulary.credentialTypeFramework), ("uri", EDCIVocabulary.genericCredentialType)],
            children: [
                XMLTree("targetName", children: [Self.text("Generic", lang: "en")]),
                XMLTree("targetFrameworkName", children: [Self.text("Europass Standard List of Credential Types", lang: "en")]),
            ]
        )
    }

    /// The languages any text of the credential is written in, the primary one included.
    private func availableLanguages() -> [String] {
        let all = [input.achievement] + input.components
        var languages: Set<String> = [primaryLanguage]
        for achievement in all {
            let name = achievement.badgeClass.name
            if !(name.en ?? "").isEmpty { languages.insert("en") }
            if !(name.nl ?? "").isEmpty { languages.insert("nl") }
        }
        return languages.sorted()
    }

    private mutating func credentialSubject(_ achievement: XMLTree) -> XMLTree {
        let learner = input.learner
        var children: [XMLTree] = []
        if let scheme = learner.identifierScheme {
            children.append(XMLTree("identifier", [("schemeID", scheme)], text: learner.identifier))
        }
        if let email = learner.email, !email.isEmpty {
            children.append(XMLTree("contactPoint", children: [XMLTree("mailBox", [("uri", "mailto:" + email)])]))
        }
        if let fullName = learner.fullName {
            children.append(XMLTree("fullName", children: [Self.text(fullName, lang: primaryLanguage)]))
        }
        // givenNames and familyName are required elements; with no name known they stay empty
        // and the subject is identified by its id and identifier.
        children.append(XMLTree("givenNames", children: Self.optionalText(learner.givenNames, lang: primaryLanguage)))
        children.append(XMLTree("familyName", children: Self.optionalText(learner.familyName, lang: primaryLanguage)))
        children.append(XMLTree("achievements", children: [achievement]))
        return XMLTree("credentialSubject", [("id", Self.subjectID(learner.identifier))], children: children)
    }

    /// The subject id must be a URI: URIs pass through, e-mail addresses become `mailto:`,
    /// anything else becomes a percent-encoded badged URN.
    static func subjectID(_ identifier: String) -> String {
        if identifier.contains(":") && !identifier.contains(" ") { return identifier }
        if identifier.contains("@") && !identifier.contains(" ") { return "mailto:" + identifier }
        let encoded = identifier.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "unknown"
        return "urn:badged:learner:" + encoded
    }

    // MARK: text and dates

    static func text(_ value: String, lang: String) -> XMLTree {
        XMLTree("text", [("lang", lang), ("content-type", "text/plain")], text: value)
    }

    static func optionalText(_ value: String?, lang: String) -> [XMLTree] {
        guard let value, !value.trimmed.isEmpty else { return [] }
        return [text(value, lang: lang)]
    }

    /// English first, then Dutch; blank languages are left out.
    func texts(_ localized: LocalizedText) -> [XMLTree] {
        [("en", localized.en), ("nl", localized.nl)].flatMap { Self.optionalText($0.1, lang: $0.0) }
    }

    static func dateTime(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .gmt))
    }

    static func decimal(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
