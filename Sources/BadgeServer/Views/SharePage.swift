import BadgeCore
import Foundation
import OpenBadges

/// The page a browser gets for a public assertion (`Accept: text/html`): what was earned, from
/// whom, when, and whether it still stands, with links to every machine-readable form. It never
/// shows the recipient's identity: the model has no place for it.
struct SharePage: PageModel {
    static let template = "share"

    /// A link to one machine-readable form of the assertion.
    struct Link: Hashable, Sendable {
        /// What the link opens, such as "Open Badges JSON-LD".
        let label: String
        /// Where.
        let url: String
    }

    /// The badge class's name, which is also the document title.
    let title: String
    /// The issuer's name.
    let issuerName: String
    /// Credits, level and kind, joined with " · ".
    let facts: String
    /// The badge class's description.
    let description: String
    /// The award date (ISO 8601 calendar date).
    let issuedOn: String
    /// Whether the issuer revoked the assertion.
    let isRevoked: Bool
    /// The issuer's reason for revoking it.
    let revocationReason: String
    /// The baked badge image.
    let imageURL: String
    /// The machine-readable forms.
    let links: [Link]

    /// Whether a request prefers HTML (a browser) over JSON-LD (a verifier).
    static func wantsHTML(_ accept: String?) -> Bool {
        guard let accept = accept?.lowercased() else { return false }
        return accept.contains("text/html") && !accept.contains("application/ld+json")
    }
}

extension SharePage {
    /// The page for an assertion of a badge class.
    /// - Parameters:
    ///   - assertion: the assertion; only its id, dates and revocation are shown.
    ///   - badgeClass: its badge class.
    ///   - issuerName: the issuer's name.
    ///   - urls: the public URLs of the documents linked.
    ///   - hasJWS: whether the assertion was signed (links its JWS).
    init(assertion: Assertion, badgeClass: Record<BadgeClass>, issuerName: String, urls: PublicURLs, hasJWS: Bool) {
        let content = badgeClass.content
        var facts: [String] = []
        if let ects = content.ects { facts.append("\(ects.formatted) EC") }
        if let eqf = content.eqf { facts.append("EQF level \(eqf)") }
        facts.append(content.kind.rawValue.replacingOccurrences(of: "_", with: " "))
        let id = assertion.id
        var links = [Link(label: "Open Badges JSON-LD", url: urls.assertion(id)), Link(label: "badge image", url: urls.bakedImage(id))]
        if hasJWS { links.append(Link(label: "signed JWS", url: urls.signedAssertion(id))) }
        links.append(
            Link(
                label: "Europass EDCI XML",
                url: Route.publicAssertion.url(baseURL: urls.baseURL, ["id": id.uuidString.lowercased() + Route.edciSuffix])
            )
        )
        self.init(
            title: content.name.preferred(content.language),
            issuerName: issuerName,
            facts: facts.joined(separator: " · "),
            description: content.description.preferred(content.language),
            issuedOn: assertion.issuedOn.formatted(Date.ISO8601FormatStyle().year().month().day()),
            isRevoked: assertion.isRevoked,
            revocationReason: assertion.revocationReason ?? "no reason given",
            imageURL: urls.bakedImage(id),
            links: links
        )
    }
}
