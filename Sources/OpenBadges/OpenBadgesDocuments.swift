public import BadgeCore
public import Primitives

/// Builds the Open Badges 2.0 JSON-LD documents badged publishes: Issuer profile, BadgeClass,
/// Assertion, CryptographicKey and RevocationList, with the edubadges extensions.
///
/// Every document has `"@context": "https://w3id.org/openbadges/v2"` and a `type`; every id and
/// reference is a URL of ``PublicURLs``. The builders are pure: the same input gives the same
/// document, and ``JSONValue/encoded(pretty:)`` gives the same bytes.
public struct OpenBadgesDocuments: Sendable {
    /// The Open Badges 2.0 context URL.
    public static let context = "https://w3id.org/openbadges/v2"

    /// The URL scheme documents point into.
    public let urls: PublicURLs

    /// Creates a builder for a URL scheme.
    public init(urls: PublicURLs) {
        self.urls = urls
    }

    /// The Issuer profile, with the institution extensions.
    ///
    /// `publicKey` names the issuer's signing keys. The Open Badges verifier (openbadges 1.1.2)
    /// accepts only a single value, so with one key it is a plain URL; with several it is a list,
    /// which the spec allows but that verifier rejects. badged passes only the current key (a
    /// rotation re-signs the issuer's assertions); older keys stay published at their own URLs.
    ///
    /// - Parameters:
    ///   - issuer: the issuer record.
    ///   - institution: the institution the issuer belongs to (BRIN, name, country, grading table).
    ///   - publicKeyIDs: the ids of the issuer's published signing keys; empty for hosted-only issuers.
    public func issuerProfile(_ issuer: Record<Issuer>, institution: Institution, publicKeyIDs: [String] = []) -> JSONValue {
        let language = institution.defaultLanguage
        var document: [String: JSONValue] = [
            "@context": .string(Self.context),
            "type": "Issuer",
            "id": .string(urls.issuer(issuer.id)),
            "name": .string(issuer.name.preferred(language)),
            "url": .string(issuer.url),
            "email": .string(issuer.email),
            "revocationList": .string(urls.revocationList(issuer: issuer.id)),
        ]
        if let description = issuer.description, !description.isEmpty {
            document["description"] = .string(description.preferred(language))
        }
        if let image = issuer.imageURL { document["image"] = .string(image) }
        switch publicKeyIDs.count {
        case 0: break
        case 1: document["publicKey"] = .string(urls.key(publicKeyIDs[0]))
        default: document["publicKey"] = .array(publicKeyIDs.map { .string(urls.key($0)) })
        }
        var extensions: [(EdubadgesExtension, JSONValue)] = [
            (.institutionIdentifier, .string(institution.brin)),
            (.institutionName, .string(institution.name.preferred(language))),
            (.institutionCountry, .string(institution.country)),
        ]
        if let table = institution.gradingTableURL { extensions.append((.gradingTable, .string(table))) }
        for (ext, value) in extensions {
            document[ext.typeIRI] = ext.node(value, urls: urls)
        }
        return .object(document)
    }
}
