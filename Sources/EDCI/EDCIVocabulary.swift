/// The controlled-vocabulary URIs the exporter writes and the importer reads.
enum EDCIVocabulary {
    static let credentialTypeFramework = "http://data.europa.eu/snb/credential/25831c2"
    static let genericCredentialType = "http://data.europa.eu/snb/credential/e34929035b"
    static let eqfFramework = "http://data.europa.eu/snb/eqf/25831c2"
    static let eqfLevelPrefix = "http://data.europa.eu/snb/eqf/"
    static let countryFramework = "http://publications.europa.eu/resource/authority/country"
    static let languageFramework = "http://publications.europa.eu/resource/authority/language"
    static let ectsScheme = "http://data.europa.eu/europass/educationalCreditPointSystem/ects"

    /// Identifier schemes badged writes (`IdentifierType/@schemeID` is free text in the XSD).
    enum Scheme {
        static let assertion = "OpenBadgesAssertion"
        static let badgeClass = "OpenBadgesBadgeClass"
        static let schac = "SCHAC"
        static let brin = "BRIN"
        static let croho = "CROHO"
    }

    /// The subject of the `additionalNote` that carries the badge class criteria narrative.
    static let criteriaSubject = "Criteria"

    /// EU authority table codes (ISO 3166-1 alpha-3) and English names for ISO alpha-2 codes of
    /// the EU, EEA and the countries Dutch institutions most often partner with.
    static let countries: [String: (code: String, name: String)] = [
        "AT": ("AUT", "Austria"), "BE": ("BEL", "Belgium"), "BG": ("BGR", "Bulgaria"), "HR": ("HRV", "Croatia"),
        "CY": ("CYP", "Cyprus"), "CZ": ("CZE", "Czechia"), "DK": ("DNK", "Denmark"), "EE": ("EST", "Estonia"),
        "FI": ("FIN", "Finland"), "FR": ("FRA", "France"), "DE": ("DEU", "Germany"), "GR": ("GRC", "Greece"),
        "HU": ("HUN", "Hungary"), "IE": ("IRL", "Ireland"), "IT": ("ITA", "Italy"), "LV": ("LVA", "Latvia"),
        "LT": ("LTU", "Lithuania"), "LU": ("LUX", "Luxembourg"), "MT": ("MLT", "Malta"), "NL": ("NLD", "Netherlands"),
        "PL": ("POL", "Poland"), "PT": ("PRT", "Portugal"), "RO": ("ROU", "Romania"), "SK": ("SVK", "Slovakia"),
        "SI": ("SVN", "Slovenia"), "ES": ("ESP", "Spain"), "SE": ("SWE", "Sweden"), "IS": ("ISL", "Iceland"),
        "LI": ("LIE", "Liechtenstein"), "NO": ("NOR", "Norway"), "CH": ("CHE", "Switzerland"),
        "GB": ("GBR", "United Kingdom"), "US": ("USA", "United States"), "CA": ("CAN", "Canada"),
        "AU": ("AUS", "Australia"), "TR": ("TUR", "Türkiye"), "RS": ("SRB", "Serbia"), "MK": ("MKD", "North Macedonia"),
        "AL": ("ALB", "Albania"), "ME": ("MNE", "Montenegro"), "BA": ("BIH", "Bosnia and Herzegovina"),
        "UA": ("UKR", "Ukraine"), "AW": ("ABW", "Aruba"), "CW": ("CUW", "Curaçao"), "SX": ("SXM", "Sint Maarten"),
        "SR": ("SUR", "Suriname"), "ID": ("IDN", "Indonesia"), "CN": ("CHN", "China"), "IN": ("IND", "India"),
        "JP": ("JPN", "Japan"), "ZA": ("ZAF", "South Africa"), "BR": ("BRA", "Brazil"),
    ]

    /// The alpha-2 code for an EU authority country URI, if badged knows it.
    static func alpha2(forCountryURI uri: String) -> String? {
        let code = uri.split(separator: "/").last.map(String.init) ?? ""
        return countries.first { $0.value.code == code }?.key
    }

    /// EU authority language codes for the edubadges languages of instruction.
    static let languages: [String: (code: String, name: String)] = [
        "nl": ("NLD", "Dutch"), "en": ("ENG", "English"),
    ]
}
