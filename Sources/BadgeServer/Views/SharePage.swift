import BadgeCore
import Foundation
import OpenBadges

/// The page a browser gets for a public assertion (`Accept: text/html`): what was earned, from
/// whom, when, and whether it still stands, with links to every machine-readable form. It never
/// shows the recipient's identity.
struct SharePage {
    let assertion: Assertion
    let badgeClass: Record<BadgeClass>
    let issuerName: String
    let urls: PublicURLs
    let hasJWS: Bool

    /// Whether a request prefers HTML (a browser) over JSON-LD (a verifier).
    static func wantsHTML(_ accept: String?) -> Bool {
        guard let accept = accept?.lowercased() else { return false }
        return accept.contains("text/html") && !accept.contains("application/ld+json")
    }

    var html: String {
        let content = badgeClass.content
        let name = HTMLText.escape(content.name.preferred(content.language))
        let status =
            assertion.isRevoked
            ? "<p class=\"revoked\"><strong>Revoked</strong>: \(HTMLText.escape(assertion.revocationReason ?? "no reason given"))</p>"
            : "<p>Valid credential, issued \(assertion.issuedOn.formatted(Date.ISO8601FormatStyle().year().month().day()))</p>"
        var facts: [String] = []
        if let ects = content.ects { facts.append("\(ects.formatted) EC") }
        if let eqf = content.eqf { facts.append("EQF level \(eqf)") }
        facts.append(content.kind.rawValue.replacingOccurrences(of: "_", with: " "))
        let id = assertion.id
        var links = ["<a href=\"\(urls.assertion(id))\">Open Badges JSON-LD</a>", "<a href=\"\(urls.bakedImage(id))\">badge image</a>"]
        if hasJWS { links.append("<a href=\"\(urls.signedAssertion(id))\">signed JWS</a>") }
        links.append("<a href=\"\(Route.publicAssertion.url(baseURL: urls.baseURL, ["id": id.uuidString.lowercased() + Route.edciSuffix]))\">Europass EDCI XML</a>")
        return """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(name)</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="font-family: system-ui, sans-serif; max-width: 42rem; margin: 2rem auto">
            <img src="\(urls.bakedImage(id))" width="128" height="128" alt="">
            <h1>\(name)</h1><p>Issued by \(HTMLText.escape(issuerName)) · \(facts.joined(separator: " · "))</p>\(status)
            <p>\(HTMLText.escape(content.description.preferred(content.language)))</p>
            <p>\(links.joined(separator: " · "))</p></body></html>
            """
    }
}
