public import BadgeCore
public import Foundation

/// An identifier with its scheme, as EDCI writes it (`<identifier schemeID="BRIN">21PK</identifier>`).
public struct EDCIIdentifier: Sendable, Hashable {
    /// The scheme (`schemeID`), if given.
    public let scheme: String?
    /// The value.
    public let value: String

    /// Creates an identifier.
    public init(scheme: String?, value: String) {
        self.scheme = scheme
        self.value = value
    }
}

/// A badge class as far as an EDCI achievement (and its specification) describes one.
public struct EDCIBadgeClassDraft: Sendable, Hashable {
    /// The achievement's id in the document.
    public var achievementID: String?
    /// The id of the `qualification` or `learningSpecification` the achievement is specified by:
    /// the same for every learner who achieved it, unlike the achievement's own id.
    public var specificationID: String?
    /// The title, in English and Dutch.
    public var name = LocalizedText()
    /// The description, in English and Dutch.
    public var description = LocalizedText()
    /// The learning outcomes, one Markdown line each.
    public var learningOutcome: String?
    /// ECTS credit points.
    public var ects: Double?
    /// The EQF level, 1 to 8.
    public var eqf: Int?
    /// The language of instruction, edubadges style (`en_EN`, `nl_NL`).
    public var language = "en_EN"
    /// The study load in hours (from `volumeOfLearning` given in hours).
    public var studyLoad: Int?
    /// The criteria narrative and page, when present.
    public var criteria = BadgeClass.Criteria()
    /// The grade of the assessment the achievement was derived from.
    public var grade: String?
    /// The achievement's identifiers (such as the Open Badges assertion it was exported from).
    public var identifiers: [EDCIIdentifier] = []
    /// For a composite, the component achievements (`hasPart`).
    public var parts: [EDCIBadgeClassDraft] = []

    /// A `BadgeClass` with these values, for the given issuer and type.
    public func makeBadgeClass(issuerID: UUID, kind: BadgeClass.Kind) -> BadgeClass {
        var badgeClass = BadgeClass(issuerID: issuerID, kind: kind, name: name, description: description, criteria: criteria, language: language)
        badgeClass.learningOutcome = learningOutcome
        badgeClass.ects = ects
        badgeClass.eqf = eqf
        badgeClass.studyLoad = studyLoad
        return badgeClass
    }
}

/// An organisation from `agentReferences`.
public struct EDCIOrganization: Sendable, Hashable {
    /// Its id in the document.
    public var id: String
    /// `prefLabel`, in English and Dutch.
    public var name = LocalizedText()
    /// `identifier` and `registration` values (registration has scheme `registration` unless given).
    public var identifiers: [EDCIIdentifier] = []
    /// The ISO alpha-2 country code when badged knows the EU authority code, else the authority URI.
    public var country: String?
    /// The homepage URL.
    public var homepage: String?
    /// The contact e-mail address.
    public var email: String?
}

/// The learner an EDCI credential is about.
public struct EDCILearner: Sendable, Hashable {
    /// The subject id.
    public var id: String
    /// `fullName` (first text in any language: names carry no language).
    public var fullName: String?
    /// `givenNames` (first text in any language).
    public var givenNames: String?
    /// `familyName` (first text in any language).
    public var familyName: String?
    /// `identifier` values.
    public var identifiers: [EDCIIdentifier] = []
    /// The e-mail address from `contactPoint/mailBox`.
    public var email: String?
}

/// An EDCI credential read into edubadges form.
public struct EDCIImport: Sendable {
    /// `cred:id`.
    public var credentialID: String
    /// The credential type URI (`type/@uri`).
    public var credentialType: String?
    /// When the credential was issued (`cred:issued`).
    public var issuedOn: Date
    /// `cred:validFrom`, if given.
    public var validFrom: Date?
    /// `cred:validUntil`, if given.
    public var validUntil: Date?
    /// The badge class: from the first achievement and its specification, or from the
    /// credential's own title and description when it holds no achievement.
    public var badgeClass: EDCIBadgeClassDraft
    /// The issuing organisation (`cred:issuer`).
    public var issuer: EDCIOrganization
    /// The organisation the issuer is a unit of (`unitOf`), such as the institution.
    public var institution: EDCIOrganization?
    /// The learner.
    public var learner: EDCILearner
    /// The signature check (status `unsigned` when there is none).
    public var signature: EDCISignatureVerification
    /// Every element or attribute that has no place in the edubadges model.
    public var diagnostics: [ConversionDiagnostic]
}
