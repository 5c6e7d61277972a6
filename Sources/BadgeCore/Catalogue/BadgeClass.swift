public import Foundation

/// A badge class: what a credential certifies, in the SURF edubadges metadata model.
///
/// The stored record wraps it in a ``Record``; validation rules live in
/// `BadgeClass+Validation.swift`. JSON keys are snake_case.
public struct BadgeClass: Codable, Hashable, Sendable {
    /// The edubadges badge class types.
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        /// A course or programme unit: needs learning outcome, EQF and education programme identifier.
        case regular
        /// An accredited micro-credential: 3-30 EC in half points and a study load of at least 80 hours.
        case microCredential = "micro_credential"
        /// An activity outside the curriculum.
        case extraCurricular = "extra_curricular"
    }

    /// The issuer that awards this class; it never changes.
    public var issuerID: UUID
    /// The edubadges type.
    public var kind: Kind
    /// The name in English and Dutch.
    public var name: LocalizedText
    /// The description in English and Dutch.
    public var description: LocalizedText
    /// What a learner must do to earn the badge.
    public var criteria: Criteria
    /// The badge image (PNG or SVG) URL.
    public var imageURL: String?
    /// The language of instruction, edubadges style: `nl_NL` or `en_EN`.
    public var language: String
    /// Credit points in the European Credit Transfer System.
    public var ects: Double?
    /// The European Qualifications Framework level, 1 to 8.
    public var eqf: Int?
    /// The learning outcome, in Markdown.
    public var learningOutcome: String?
    /// CROHO/ISAT education programme identifiers.
    public var educationProgramIdentifiers: [Int]?
    /// The nominal study load in hours.
    public var studyLoad: Int?
    /// The expected time investment in hours (extra-curricular activities).
    public var timeInvestment: Int?
    /// How the learning takes place.
    public var participation: Participation?
    /// How the learning is assessed.
    public var assessmentType: AssessmentType?
    /// The quality assurance framework the credential falls under.
    public var qualityAssurance: QualityAssurance?
    /// Alignments with external frameworks (ESCO skills, EQF, ...).
    public var alignments: [Alignment]
    /// Free-form tags.
    public var tags: [String]
    /// How this class's assertions can be verified; nil follows the daemon's `signing.mode`.
    /// Not frozen: a change applies to assertions awarded afterwards.
    public var verificationMode: VerificationMode?

    enum CodingKeys: String, CodingKey {
        case issuerID = "issuer_id"
        case kind = "badge_class_type"
        case name, description, criteria
        case imageURL = "image_url"
        case language, ects, eqf
        case learningOutcome = "learning_outcome"
        case educationProgramIdentifiers = "education_program_identifier"
        case studyLoad = "study_load"
        case timeInvestment = "time_investment"
        case participation
        case assessmentType = "assessment_type"
        case qualityAssurance = "quality_assurance"
        case alignments, tags
        case verificationMode = "verification_mode"
    }

    /// Creates a badge class; optional metadata can be set afterwards.
    public init(
        issuerID: UUID,
        kind: Kind,
        name: LocalizedText,
        description: LocalizedText,
        criteria: Criteria,
        language: String,
        imageURL: String? = nil
    ) {
        self.issuerID = issuerID
        self.kind = kind
        self.name = name
        self.description = description
        self.criteria = criteria
        self.language = language
        self.imageURL = imageURL
        self.alignments = []
        self.tags = []
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        issuerID = try c.decode(UUID.self, forKey: .issuerID)
        kind = try c.decode(Kind.self, forKey: .kind)
        name = try c.decode(LocalizedText.self, forKey: .name)
        description = try c.decode(LocalizedText.self, forKey: .description)
        criteria = try c.decode(Criteria.self, forKey: .criteria)
        imageURL = try c.decodeIfPresent(String.self, forKey: .imageURL)
        language = try c.decode(String.self, forKey: .language)
        ects = try c.decodeIfPresent(Double.self, forKey: .ects)
        eqf = try c.decodeIfPresent(Int.self, forKey: .eqf)
        learningOutcome = try c.decodeIfPresent(String.self, forKey: .learningOutcome)
        educationProgramIdentifiers = try Self.decodeProgramIdentifiers(c)
        studyLoad = try c.decodeIfPresent(Int.self, forKey: .studyLoad)
        timeInvestment = try c.decodeIfPresent(Int.self, forKey: .timeInvestment)
        participation = try c.decodeIfPresent(Participation.self, forKey: .participation)
        assessmentType = try c.decodeIfPresent(AssessmentType.self, forKey: .assessmentType)
        qualityAssurance = try c.decodeIfPresent(QualityAssurance.self, forKey: .qualityAssurance)
        alignments = try c.decodeIfPresent([Alignment].self, forKey: .alignments) ?? []
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        verificationMode = try c.decodeIfPresent(VerificationMode.self, forKey: .verificationMode)
    }

    /// edubadges accepts one identifier or a list of them.
    private static func decodeProgramIdentifiers(_ c: KeyedDecodingContainer<CodingKeys>) throws -> [Int]? {
        if let list = try? c.decodeIfPresent([Int].self, forKey: .educationProgramIdentifiers) { return list }
        return try c.decodeIfPresent(Int.self, forKey: .educationProgramIdentifiers).map { [$0] }
    }
}

extension BadgeClass {
    /// What a learner must do: a narrative, a URL describing it, or both.
    public struct Criteria: Codable, Hashable, Sendable {
        /// The criteria in English and Dutch (Markdown).
        public var narrative: LocalizedText?
        /// A page that describes the criteria.
        public var url: String?

        /// Creates criteria.
        public init(narrative: LocalizedText? = nil, url: String? = nil) {
            self.narrative = narrative
            self.url = url
        }
    }

    /// How the learning takes place (edubadges `participation`).
    public enum Participation: String, Codable, Hashable, Sendable, CaseIterable {
        case online
        case onsite
        case blended
    }

    /// How the learning is assessed (edubadges `assessment_type`).
    public enum AssessmentType: String, Codable, Hashable, Sendable, CaseIterable {
        case testing
        case applicationOfSkills = "application_of_skills"
        case portfolio
        case recognitionOfPriorLearning = "recognition_of_prior_learning"
    }

    /// The quality assurance framework behind an accredited credential.
    public struct QualityAssurance: Codable, Hashable, Sendable {
        /// The framework's name, such as "NVAO accreditation".
        public var name: String
        /// Where the framework is described.
        public var url: String
        /// What the framework guarantees.
        public var description: String

        /// Creates a quality assurance statement.
        public init(name: String, url: String, description: String) {
            self.name = name
            self.url = url
            self.description = description
        }
    }

    /// An alignment with an external framework, as Open Badges `AlignmentObject`.
    public struct Alignment: Codable, Hashable, Sendable {
        /// The name of the aligned node, such as an ESCO skill.
        public var targetName: String
        /// The URL of the aligned node, such as `http://data.europa.eu/esco/skill/...`.
        public var targetURL: String
        /// A short description of the node.
        public var targetDescription: String?
        /// The framework's name, such as `ESCO` or `EQF`.
        public var targetFramework: String?
        /// The node's code within the framework.
        public var targetCode: String?

        enum CodingKeys: String, CodingKey {
            case targetName = "target_name"
            case targetURL = "target_url"
            case targetDescription = "target_description"
            case targetFramework = "target_framework"
            case targetCode = "target_code"
        }

        /// Creates an alignment.
        public init(
            targetName: String,
            targetURL: String,
            targetDescription: String? = nil,
            targetFramework: String? = nil,
            targetCode: String? = nil
        ) {
            self.targetName = targetName
            self.targetURL = targetURL
            self.targetDescription = targetDescription
            self.targetFramework = targetFramework
            self.targetCode = targetCode
        }
    }
}
