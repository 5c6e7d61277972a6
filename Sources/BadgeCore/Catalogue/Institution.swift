/// A university or college: the root of the issuer hierarchy.
///
/// JSON keys are snake_case, as in the API and the sample files.
public struct Institution: Codable, Hashable, Sendable {
    /// The kind of Dutch higher-education institution.
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        /// Wetenschappelijk onderwijs: a research university.
        case wo = "WO"
        /// Hoger beroepsonderwijs: a university of applied sciences.
        case hbo = "HBO"
        /// Middelbaar beroepsonderwijs: vocational education.
        case mbo = "MBO"
    }

    /// The institution's SCHAC home organisation, such as `uva.nl`; unique across badged.
    public var identifier: String
    /// The BRIN code the Dutch ministry assigns, such as `21PK`.
    public var brin: String
    /// The name in English and Dutch.
    public var name: LocalizedText
    /// ISO 3166-1 alpha-2 country code.
    public var country: String
    /// WO, HBO or MBO.
    public var kind: Kind
    /// The language badge classes default to: `en` or `nl`.
    public var defaultLanguage: String
    /// Where the institution publishes its grading table (ECTS grade distribution).
    public var gradingTableURL: String?
    /// The prefix of its credential numbers (2 to 4 upper-case letters, such as `UVA`); when nil,
    /// derived from the name (see ``CredentialNumber/prefix(for:)``).
    public var credentialPrefix: String?

    enum CodingKeys: String, CodingKey {
        case identifier, brin, name, country
        case kind = "institution_type"
        case defaultLanguage = "default_language"
        case gradingTableURL = "grading_table_url"
        case credentialPrefix = "credential_prefix"
    }

    /// Creates an institution.
    public init(
        identifier: String,
        brin: String,
        name: LocalizedText,
        country: String = "NL",
        kind: Kind,
        defaultLanguage: String = "nl",
        gradingTableURL: String? = nil,
        credentialPrefix: String? = nil
    ) {
        self.identifier = identifier
        self.brin = brin
        self.name = name
        self.country = country
        self.kind = kind
        self.defaultLanguage = defaultLanguage
        self.gradingTableURL = gradingTableURL
        self.credentialPrefix = credentialPrefix
    }

    /// Decodes an institution; `country` defaults to `NL` and `default_language` to `nl`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        identifier = try c.decode(String.self, forKey: .identifier)
        brin = try c.decode(String.self, forKey: .brin)
        name = try c.decode(LocalizedText.self, forKey: .name)
        country = try c.decodeIfPresent(String.self, forKey: .country) ?? "NL"
        kind = try c.decode(Kind.self, forKey: .kind)
        defaultLanguage = try c.decodeIfPresent(String.self, forKey: .defaultLanguage) ?? "nl"
        gradingTableURL = try c.decodeIfPresent(String.self, forKey: .gradingTableURL)
        credentialPrefix = try c.decodeIfPresent(String.self, forKey: .credentialPrefix)
    }

    /// Throws the first rule the institution breaks.
    public func validate() throws(BadgeCoreError) {
        let schacHome = identifier.lowercased()
        guard schacHome == identifier, identifier.count <= 253, identifier.contains("."),
            identifier.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })
        else { throw .invalid("identifier", "identifier must be a lower-case SCHAC home organisation such as uva.nl") }
        guard (2...8).contains(brin.count), brin.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else {
            throw .invalid("brin", "brin must be 2 to 8 upper-case letters or digits, such as 21PK")
        }
        try name.validate(field: "name", maxLength: 255)
        try Validation.requireCountryCode(country, field: "country")
        guard ["en", "nl"].contains(defaultLanguage) else {
            throw .invalid("default_language", "default_language must be en or nl")
        }
        if let gradingTableURL { try Validation.requireWebURL(gradingTableURL, field: "grading_table_url") }
        if let credentialPrefix, !CredentialNumber.isValidPrefix(credentialPrefix) {
            throw .invalid("credential_prefix", "credential_prefix must be 2 to 4 upper-case letters, such as UVA")
        }
    }
}
