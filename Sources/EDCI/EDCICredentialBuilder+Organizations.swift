import BadgeCore

extension EDCICredentialBuilder {
    /// The issuer (the credential's `cred:issuer`) and its institution, linked by `unitOf`/`hasUnit`.
    /// Both carry the institution's SCHAC home organisation and BRIN code.
    mutating func organizations() -> [XMLTree] {
        let institution = input.institution
        let issuer = input.issuer
        let identifiers = [
            XMLTree("identifier", [("schemeID", EDCIVocabulary.Scheme.schac)], text: institution.identifier),
            XMLTree("identifier", [("schemeID", EDCIVocabulary.Scheme.brin)], text: institution.brin),
        ]
        let registration = XMLTree("registration", [("schemeID", EDCIVocabulary.Scheme.brin)], text: institution.brin)
        let location = self.location()

        var issuerChildren = identifiers
        if let description = issuer.description, !description.isEmpty {
            issuerChildren.append(XMLTree("additionalNote", children: texts(description)))
        }
        issuerChildren.append(XMLTree("contactPoint", children: [XMLTree("mailBox", [("uri", "mailto:" + issuer.email)])]))
        issuerChildren.append(registration)
        issuerChildren.append(XMLTree("prefLabel", children: texts(issuer.name)))
        if issuer.url.hasPrefix("https://") || issuer.url.hasPrefix("http://") {
            issuerChildren.append(XMLTree("homepage", [("uri", issuer.url)]))
        } else {
            note("issuer.url", "EDCI homepages must be http(s) URLs; '\(issuer.url)' was left out")
        }
        issuerChildren.append(location)
        issuerChildren.append(XMLTree("unitOf", [("idref", Self.institutionID)]))
        if issuer.imageURL != nil { note("issuer.image_url", "EDCI embeds logos as base64 content; the image URL was not exported") }

        var institutionChildren = identifiers
        institutionChildren.append(registration)
        institutionChildren.append(XMLTree("prefLabel", children: texts(institution.name)))
        institutionChildren.append(location)
        institutionChildren.append(XMLTree("hasUnit", [("idref", Self.issuerID)]))
        note("institution.institution_type", "EDCI has no institution type; '\(institution.kind.rawValue)' was not exported")
        if institution.gradingTableURL != nil {
            note("institution.grading_table_url", "EDCI grading schemes are not produced; the grading table URL was not exported")
        }
        return [
            XMLTree("organization", [("id", Self.issuerID)], children: issuerChildren),
            XMLTree("organization", [("id", Self.institutionID)], children: institutionChildren),
        ]
    }

    /// `hasLocation` is required; it holds the country when badged knows its EU authority code,
    /// or when the country is given as an EU authority URI already (as imported credentials do).
    private mutating func location() -> XMLTree {
        let country = input.institution.country.uppercased()
        let authorityPrefix = EDCIVocabulary.countryFramework + "/"
        let given = input.institution.country.hasPrefix(authorityPrefix) ? String(input.institution.country.dropFirst(authorityPrefix.count)) : nil
        guard let entry = EDCIVocabulary.countries[country] ?? given.map({ (code: $0, name: $0) }) else {
            note("institution.country", "the country '\(country)' has no EU authority code in badged; the address was left out")
            return XMLTree("hasLocation")
        }
        let code = XMLTree(
            "country",
            [
                ("targetFrameworkUrl", EDCIVocabulary.countryFramework), ("targetNotation", "country"),
                ("uri", EDCIVocabulary.countryFramework + "/" + entry.code),
            ],
            children: [
                XMLTree("targetName", children: [Self.text(entry.name, lang: "en")]),
                XMLTree("targetFrameworkName", children: [Self.text("Country", lang: "en")]),
            ]
        )
        return XMLTree("hasLocation", children: [XMLTree("hasAddress", children: [code])])
    }
}
