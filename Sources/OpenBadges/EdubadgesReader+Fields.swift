import BadgeCore
import Foundation
import Primitives

/// Text in the document's language: `nl_NL` classes carry Dutch, the rest English.
private func localized(_ text: String, language: String) -> LocalizedText {
    language.lowercased().hasPrefix("nl") ? LocalizedText(nl: text) : LocalizedText(en: text)
}

/// The institution named by an issuer profile's institution extensions.
struct InstitutionFields {
    let institution: Institution

    init(_ issuer: [String: JSONValue], language: String, path: String, notes: inout DiagnosticList) throws(OpenBadgesError) {
        func value(_ ext: EdubadgesExtension) -> String? { issuer[ext.typeIRI]?[ext.key]?.stringValue }
        guard let brin = value(.institutionIdentifier) else {
            throw OpenBadgesError(.invalidInput, "\(path): the InstitutionIdentifierExtension (BRIN) is required")
        }
        let name = value(.institutionName) ?? EdubadgesReader.hostName(issuer["url"]?.stringValue) ?? brin
        let institution = Institution(
            identifier: EdubadgesReader.hostName(issuer["url"]?.stringValue) ?? brin.lowercased(),
            brin: brin,
            name: localized(name, language: language),
            country: value(.institutionCountry) ?? "NL",
            kind: .wo,
            defaultLanguage: String(language.prefix(2)).lowercased(),
            gradingTableURL: value(.gradingTable)
        )
        if value(.institutionCountry) == nil { notes.note("\(path).\(EdubadgesExtension.institutionCountry.typeIRI)", "missing; NL assumed") }
        notes.note("\(path).institution_type", "Open Badges does not state the kind of institution (WO, HBO, MBO); WO assumed")
        self.institution = institution
    }
}

/// The issuer profile's own fields.
struct IssuerFields {
    let issuer: Issuer

    init(_ document: [String: JSONValue], language: String, path: String, notes: inout DiagnosticList) throws(OpenBadgesError) {
        let description = document["description"]?.stringValue.map { localized($0, language: language) }
        issuer = Issuer(
            facultyID: .unattached,
            name: localized(try EdubadgesReader.string(document["name"], path: "\(path).name"), language: language),
            description: description,
            url: try EdubadgesReader.string(document["url"], path: "\(path).url"),
            email: document["email"]?.stringValue ?? "",
            imageURL: document["image"]?.stringValue
        )
        let known = Set(["@context", "type", "id", "name", "description", "url", "email", "image", "publicKey", "revocationList"])
            .union(EdubadgesExtension.allCases.filter { $0.target == .issuer }.map(\.typeIRI))
        notes.unmapped(document, known: known, path: path)
    }
}

/// The BadgeClass's fields and extensions.
struct BadgeClassFields {
    let badgeClass: BadgeClass

    init(_ document: [String: JSONValue], language: String, path: String, notes: inout DiagnosticList) throws(OpenBadgesError) {
        func value(_ ext: EdubadgesExtension) -> JSONValue? { document[ext.typeIRI]?[ext.key] }
        let criteria = document["criteria"]
        let ects = value(.ects).flatMap(Self.number)
        let programmes = value(.educationProgramIdentifier).flatMap { value -> [Int]? in
            if case .int(let one) = value { return [one] }
            return value.arrayValue?.compactMap { if case .int(let id) = $0 { id } else { nil } }
        }
        let kind: BadgeClass.Kind = programmes != nil ? .regular : (ects != nil ? .microCredential : .extraCurricular)
        var badge = BadgeClass(
            issuerID: .unattached,
            kind: kind,
            name: localized(try EdubadgesReader.string(document["name"], path: "\(path).name"), language: language),
            description: localized(document["description"]?.stringValue ?? "", language: language),
            criteria: BadgeClass.Criteria(
                narrative: criteria?["narrative"]?.stringValue.map { localized($0, language: language) },
                url: criteria?["id"]?.stringValue
            ),
            language: language,
            imageURL: document["image"]?.stringValue
        )
        badge.ects = ects
        badge.eqf = value(.eqf).flatMap(Self.number).map { Int($0) }
        badge.learningOutcome = value(.learningOutcome)?.stringValue
        badge.educationProgramIdentifiers = programmes
        badge.studyLoad = value(.studyLoad).flatMap(Self.number).map { Int($0) }
        badge.timeInvestment = value(.timeInvestment).flatMap(Self.number).map { Int($0) }
        badge.tags = document["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
        badge.alignments = (document["alignment"]?.arrayValue ?? []).compactMap { node in
            guard let name = node["targetName"]?.stringValue, let url = node["targetUrl"]?.stringValue else { return nil }
            return BadgeClass.Alignment(
                targetName: name,
                targetURL: url,
                targetDescription: node["targetDescription"]?.stringValue,
                targetFramework: node["targetFramework"]?.stringValue,
                targetCode: node["targetCode"]?.stringValue
            )
        }
        let known = Set(["@context", "type", "id", "name", "description", "image", "criteria", "issuer", "tags", "alignment"])
            .union(EdubadgesExtension.allCases.filter { $0.target == .badgeClass }.map(\.typeIRI))
        notes.unmapped(document, known: known, path: path)
        badgeClass = badge
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }
}

extension EdubadgesReader {
    /// The host of a URL without `www.`, as an institution identifier.
    static func hostName(_ url: String?) -> String? {
        guard let host = url.flatMap(URL.init(string:))?.host, !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }
}
