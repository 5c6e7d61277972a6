import BadgeCore
import Foundation
import OpenBadges

/// The credential page, for verifiers and for the learner sharing it: what was earned, from whom,
/// the facts of the badge class, badged's own verification of it now, its QR code and link, an
/// add-to-LinkedIn link and every download. It is what a browser gets at the assertion's URL, the
/// one canonical address of a credential. It never shows the recipient's identity: the model has
/// no place for it.
struct CredentialPage: PageModel {
    static let template = "credential"

    /// One fact of the details list; `url` makes the detail a link.
    struct Fact: Sendable {
        let term: String
        let detail: String
        let url: String
        let hasURL: Bool
        /// Whether the detail is a longer text (kept with its line breaks).
        let isProse: Bool

        init(_ term: String, _ detail: String, url: String? = nil, isProse: Bool = false) {
            self.term = term
            self.detail = detail
            self.url = url ?? ""
            self.hasURL = url != nil
            self.isProse = isProse
        }
    }

    /// A link to a download.
    struct Link: Sendable {
        let label: String
        let url: String
    }

    /// The badge class's name, which is also the document title.
    let title: String
    let language: String
    let strings: PageStrings
    let switchLinks: [LanguageLink]
    /// The badge image and its text alternative.
    let imageURL: String
    let imageAlt: String
    /// The badge class's description.
    let description: String
    let facts: [Fact]
    /// `valid`, `revoked`, `expired` or `unverifiable`: the status's CSS class.
    let statusClass: String
    let statusLabel: String
    let statusDetail: String
    let checkedOn: String
    let qrCodeURL: String
    /// The canonical link (the assertion's URL).
    let link: String
    let linkedInURL: String
    let downloads: [Link]
    /// The printable certificate in the same language; empty for an erased credential.
    let certificateURL: String
    let hasCertificate: Bool
    let lookupURL: String
}

extension CredentialPage {
    /// What the page shows of a stored credential.
    struct Credential {
        let stored: StoredAssertion
        let number: CredentialNumber?
        let badgeClass: BadgeClass
        let issuerName: LocalizedText
        let institutionName: LocalizedText
        let status: CredentialStatus
        let checkedAt: Date
    }

    /// The page of a credential in a language.
    init(_ credential: Credential, language: PageLanguage, urls: PublicURLs) {
        let strings = language.strings
        let content = credential.badgeClass
        let assertion = credential.stored.assertion
        let code = language.rawValue
        let name = content.name.preferred(code)
        let id = assertion.id
        var facts = [
            Fact(strings.issuer, credential.issuerName.preferred(code)),
            Fact(strings.institution, credential.institutionName.preferred(code)),
        ]
        if let number = credential.number { facts.append(Fact(strings.credentialNumber, number.description)) }
        facts.append(Fact(strings.issuedOn, strings.date(assertion.issuedOn)))
        facts.append(Fact(strings.expires, assertion.expires.map(strings.date) ?? strings.neverExpires))
        if let ects = content.ects { facts.append(Fact(strings.credits, ects.formatted)) }
        if let eqf = content.eqf { facts.append(Fact(strings.eqfLevel, String(eqf))) }
        facts.append(Fact(strings.kind, strings.kinds[content.kind.rawValue] ?? content.kind.rawValue))
        if let narrative = content.criteria.narrative, !narrative.isEmpty {
            facts.append(Fact(strings.criteria, narrative.preferred(code), isProse: true))
        }
        if let url = content.criteria.url { facts.append(Fact(strings.criteria, strings.criteriaLink, url: url)) }
        if let outcome = content.learningOutcome, !outcome.isEmpty { facts.append(Fact(strings.learningOutcomes, outcome, isProse: true)) }
        let (statusClass, label, detail) = Self.status(credential.status, signed: credential.stored.jws != nil, strings: strings)
        let link = urls.assertion(id)
        var downloads = [
            Link(label: strings.bakedImage, url: urls.bakedImage(id) + "?format=png"),
            Link(label: strings.openBadgesJSON, url: link + "?format=json"),
        ]
        if credential.stored.jws != nil { downloads.append(Link(label: strings.signedJWS, url: urls.signedAssertion(id))) }
        downloads.append(
            Link(label: strings.edciXML, url: Route.publicAssertion.url(baseURL: urls.baseURL, ["id": id.uuidString.lowercased() + Route.edciSuffix]))
        )
        self.init(
            title: name,
            language: code,
            strings: strings,
            switchLinks: language.switchLinks,
            imageURL: urls.bakedImage(id),
            imageAlt: strings.badgeImageAlt(name),
            description: content.description.preferred(code),
            facts: facts,
            statusClass: statusClass,
            statusLabel: label,
            statusDetail: detail,
            checkedOn: strings.checkedOn(strings.date(credential.checkedAt)),
            qrCodeURL: Route.publicAssertionQRCode.url(baseURL: urls.baseURL, ["id": id.uuidString.lowercased()]),
            link: link,
            linkedInURL: Self.linkedInURL(name: name, organization: credential.institutionName.preferred(code), credential: credential, link: link),
            downloads: downloads,
            certificateURL: Route.publicAssertionCertificate.url(baseURL: urls.baseURL, ["id": id.uuidString.lowercased()]) + "?lang=\(code)",
            hasCertificate: !assertion.isErased,
            lookupURL: Route.publicCredentialLookup.url(baseURL: urls.baseURL) + "?lang=\(code)"
        )
    }

    /// The status's CSS class, label and detail, for the credential page and the certificate.
    static func status(_ status: CredentialStatus, signed: Bool, strings: PageStrings) -> (String, String, String) {
        switch status {
        case .valid: ("valid", strings.valid, strings.validDetail + (signed ? " " + strings.signatureChecked : ""))
        case .revoked(let reason): ("revoked", strings.revoked, strings.revokedReason(reason))
        case .expired(let date): ("expired", strings.expired, strings.expiredOn(strings.date(date)))
        case .unverifiable(let detail): ("unverifiable", strings.unverifiable, detail)
        }
    }

    /// LinkedIn's add-to-profile link for a certification, with the credential number as its id.
    private static func linkedInURL(name: String, organization: String, credential: Credential, link: String) -> String {
        var components = URLComponents()
        components.scheme = "https"
        components.host = "www.linkedin.com"
        components.path = "/profile/add"
        let calendar = Calendar(identifier: .gregorian)
        var utc = calendar
        utc.timeZone = .gmt
        let issued = utc.dateComponents([.year, .month], from: credential.stored.assertion.issuedOn)
        var items = [
            URLQueryItem(name: "startTask", value: "CERTIFICATION_NAME"),
            URLQueryItem(name: "name", value: name),
            URLQueryItem(name: "organizationName", value: organization),
            URLQueryItem(name: "issueYear", value: issued.year.map(String.init)),
            URLQueryItem(name: "issueMonth", value: issued.month.map(String.init)),
        ]
        if let expires = credential.stored.assertion.expires {
            let parts = utc.dateComponents([.year, .month], from: expires)
            items.append(URLQueryItem(name: "expirationYear", value: parts.year.map(String.init)))
            items.append(URLQueryItem(name: "expirationMonth", value: parts.month.map(String.init)))
        }
        items.append(URLQueryItem(name: "certUrl", value: link))
        if let number = credential.number { items.append(URLQueryItem(name: "certId", value: number.description)) }
        components.queryItems = items
        // "+" in a query value is a space to form decoders; encode it.
        let query = components.percentEncodedQuery ?? ""
        components.percentEncodedQuery = query.replacingOccurrences(of: "+", with: "%2B")
        return components.string ?? "https://www.linkedin.com/profile/add"
    }
}
