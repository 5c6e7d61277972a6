public import BadgeCore
public import Primitives

extension OpenBadgesDocuments {
    /// The BadgeClass document, with the edubadges extensions the class has values for.
    ///
    /// `LanguageExtension` is always present. Names, description and criteria use the class's
    /// language (`nl_NL` prefers Dutch). A class without an image points at the generated image
    /// (``PublicURLs/badgeClassImage(_:)``).
    public func badgeClass(_ record: Record<BadgeClass>) -> JSONValue {
        let badge = record.content
        let language = badge.language
        var criteria: [String: JSONValue] = [:]
        if let narrative = badge.criteria.narrative, !narrative.isEmpty {
            criteria["narrative"] = .string(narrative.preferred(language))
        }
        if let url = badge.criteria.url { criteria["id"] = .string(url) }
        var document: [String: JSONValue] = [
            "@context": .string(Self.context),
            "type": "BadgeClass",
            "id": .string(urls.badgeClass(record.id)),
            "name": .string(badge.name.preferred(language)),
            "description": .string(badge.description.preferred(language)),
            "image": .string(badge.imageURL ?? urls.badgeClassImage(record.id)),
            "criteria": .object(criteria),
            "issuer": .string(urls.issuer(badge.issuerID)),
        ]
        if !badge.alignments.isEmpty { document["alignment"] = .array(badge.alignments.map(Self.alignment)) }
        if !badge.tags.isEmpty { document["tags"] = .array(badge.tags.map { .string($0) }) }
        for (ext, value) in Self.extensionValues(of: badge) {
            document[ext.typeIRI] = ext.node(value, urls: urls)
        }
        return .object(document)
    }

    /// The extension values a class states, in a fixed order.
    static func extensionValues(of badge: BadgeClass) -> [(EdubadgesExtension, JSONValue)] {
        var values: [(EdubadgesExtension, JSONValue)] = [(.language, .string(badge.language))]
        if let ects = badge.ects { values.append((.ects, .double(ects))) }
        if let eqf = badge.eqf { values.append((.eqf, .int(eqf))) }
        if let outcome = badge.learningOutcome { values.append((.learningOutcome, .string(outcome))) }
        if let ids = badge.educationProgramIdentifiers, !ids.isEmpty {
            values.append((.educationProgramIdentifier, ids.count == 1 ? .int(ids[0]) : .array(ids.map { .int($0) })))
        }
        if let load = badge.studyLoad { values.append((.studyLoad, .int(load))) }
        if let time = badge.timeInvestment { values.append((.timeInvestment, .int(time))) }
        return values
    }

    private static func alignment(_ alignment: BadgeClass.Alignment) -> JSONValue {
        var node: [String: JSONValue] = [
            "targetName": .string(alignment.targetName),
            "targetUrl": .string(alignment.targetURL),
        ]
        if let text = alignment.targetDescription { node["targetDescription"] = .string(text) }
        if let text = alignment.targetFramework { node["targetFramework"] = .string(text) }
        if let text = alignment.targetCode { node["targetCode"] = .string(text) }
        return .object(node)
    }
}
