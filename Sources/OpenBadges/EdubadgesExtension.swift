public import Primitives

/// The eleven SURF edubadges Open Badges extensions, with their exact names and keys.
///
/// In a document each appears under `extensions:<Name>` as
/// `{"@context": "<context URL>", "type": ["Extension", "extensions:<Name>"], "<Key>": value}`;
/// badged serves each extension's JSON-LD context and JSON schema itself (see
/// ``ExtensionDocuments``).
public enum EdubadgesExtension: String, CaseIterable, Hashable, Sendable {
    case language = "LanguageExtension"
    case ects = "ECTSExtension"
    case eqf = "EQFExtension"
    case learningOutcome = "LearningOutcomeExtension"
    case educationProgramIdentifier = "EducationProgramIdentifierExtension"
    case studyLoad = "StudyLoadExtension"
    case timeInvestment = "TimeInvestmentExtension"
    case institutionIdentifier = "InstitutionIdentifierExtension"
    case institutionName = "InstitutionNameExtension"
    case institutionCountry = "InstitutionCountryExtension"
    case gradingTable = "GradingTableExtension"

    /// The document class an extension decorates.
    public enum Target: String, Sendable {
        case badgeClass = "BadgeClass"
        case issuer = "Issuer"
    }

    /// The extension's name, such as `ECTSExtension`.
    public var name: String { rawValue }

    /// The compact type IRI, `extensions:<Name>`.
    public var typeIRI: String { "extensions:\(rawValue)" }

    /// The property that carries the value, such as `ECTS`.
    public var key: String {
        switch self {
        case .language: "Language"
        case .ects: "ECTS"
        case .eqf: "EQF"
        case .learningOutcome: "LearningOutcome"
        case .educationProgramIdentifier: "EducationProgramIdentifier"
        case .studyLoad: "StudyLoad"
        case .timeInvestment: "TimeInvestment"
        case .institutionIdentifier: "InstitutionIdentifier"
        case .institutionName: "InstitutionName"
        case .institutionCountry: "InstitutionCountry"
        case .gradingTable: "GradingTableURL"
        }
    }

    /// Which document carries the extension.
    public var target: Target {
        switch self {
        case .language, .ects, .eqf, .learningOutcome, .educationProgramIdentifier, .studyLoad, .timeInvestment:
            .badgeClass
        case .institutionIdentifier, .institutionName, .institutionCountry, .gradingTable:
            .issuer
        }
    }

    /// What the value means, for the schema's description.
    public var summary: String {
        switch self {
        case .language: "The language of instruction, such as nl_NL or en_EN."
        case .ects: "The credit points in the European Credit Transfer System, in multiples of 0.5."
        case .eqf: "The level in the European Qualifications Framework, 1 to 8."
        case .learningOutcome: "The learning outcome, in Markdown."
        case .educationProgramIdentifier: "The CROHO or ISAT code of the education programme, or a list of them."
        case .studyLoad: "The nominal study load, in hours."
        case .timeInvestment: "The expected time investment, in hours."
        case .institutionIdentifier: "The BRIN code of the institution."
        case .institutionName: "The name of the institution."
        case .institutionCountry: "The country of the institution (ISO 3166-1 alpha-2)."
        case .gradingTable: "Where the institution publishes its grading table."
        }
    }

    /// The JSON schema (draft 4) of the value.
    public var valueSchema: JSONValue {
        switch self {
        case .language:
            ["type": "string", "pattern": "^[a-z]{2}_[A-Z]{2}$"]
        case .ects:
            ["type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 240, "multipleOf": 0.5]
        case .eqf:
            ["type": "integer", "minimum": 1, "maximum": 8]
        case .learningOutcome, .institutionName:
            ["type": "string", "minLength": 1]
        case .educationProgramIdentifier:
            [
                "oneOf": [
                    ["type": "integer", "minimum": 1],
                    ["type": "array", "items": ["type": "integer", "minimum": 1], "minItems": 1],
                ]
            ]
        case .studyLoad, .timeInvestment:
            ["type": "number", "minimum": 0, "exclusiveMinimum": true]
        case .institutionIdentifier:
            ["type": "string", "pattern": "^[0-9A-Z]{2,8}$"]
        case .institutionCountry:
            ["type": "string", "pattern": "^[A-Z]{2}$"]
        case .gradingTable:
            ["type": "string", "format": "uri", "pattern": "^https?://"]
        }
    }

    /// The extension object for a document.
    public func node(_ value: JSONValue, urls: PublicURLs) -> JSONValue {
        [
            "@context": .string(urls.extensionContext(self)),
            "type": ["Extension", .string(typeIRI)],
            key: value,
        ]
    }
}
