import BadgeCore
import BadgeIssuing
import Foundation
import OpenBadges

/// An external credential as the API answers it (without the recipient), and, after an add,
/// the composites stacking issued.
struct ExternalCredentialResponse: Encodable {
    let id: String
    let kind: String
    let component: String
    let assertionID: String
    let name: String
    let ects: Double?
    let issuedOn: Date
    let expires: Date?
    let issuer: String
    let source: String
    let verifiedAt: Date
    let status: String
    /// The composite assertions stacking issued (after an add only).
    let issuedComposites: [String]?

    enum CodingKeys: String, CodingKey {
        case id, kind, component, name, ects, expires, issuer, source, status
        case assertionID = "assertion_id", issuedOn = "issued_on", verifiedAt = "verified_at", issuedComposites = "issued_composites"
    }

    init(_ credential: ExternalCredential, issued: [UUID]? = nil, urls: PublicURLs) {
        id = credential.id.uuidString.lowercased()
        kind = credential.kind.rawValue
        component = credential.componentID
        assertionID = credential.assertionID
        name = credential.name
        ects = credential.ects
        issuedOn = credential.issuedOn
        expires = credential.expires
        issuer = credential.issuerID
        source = credential.source
        verifiedAt = credential.verifiedAt
        status = credential.status.rawValue
        issuedComposites = issued.map { $0.map(urls.assertion) }
    }
}
