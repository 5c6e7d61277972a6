import BadgeCore
import BadgeIssuing
import Foundation
import HTTPTypes
import Hummingbird
import OpenBadges

extension PublicController {
    /// `GET /public/credentials?number=…`: the lookup form; a known number redirects (303) to its
    /// credential page. A mistyped, unknown, erased or private number answers 404 with the same page, and
    /// a revoked one redirects like a valid one: the lookup never tells valid from revoked, and
    /// never tells why a number was not found.
    @Sendable func lookup(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let language = PageLanguage.of(query: query.get("lang"), acceptLanguage: request.headers[.acceptLanguage])
        let action = Route.publicCredentialLookup.url(baseURL: documents.urls.baseURL)
        let headers: HTTPFields = [.vary: "Accept-Language"]
        guard let typed = query.get("number"), !typed.allSatisfy(\.isWhitespace) else {
            return try pages.response(LookupPage(language: language, action: action, notFound: false), headers: headers)
        }
        if let number = CredentialNumber(parsing: String(typed.prefix(64))), let id = try await credentialNumbers.assertionID(numbered: number),
            let found = try await publicAssertion(id: id), !found.assertion.isErased
        {
            var location = documents.urls.assertion(id)
            if let lang = query.get("lang"), let chosen = PageLanguage(rawValue: lang.lowercased()) { location += "?lang=\(chosen.rawValue)" }
            return Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
        }
        return try pages.response(LookupPage(language: language, action: action, notFound: true), status: .notFound, headers: headers)
    }

    /// The credential page of a stored assertion, in the language the request asks for, with
    /// badged's own verification of it now (``CredentialCheck``).
    func credentialPage(_ found: StoredAssertion, of badgeClass: Record<BadgeClass>, request: Request) async throws -> Response {
        let language = PageLanguage.of(query: request.uri.queryParameters.get("lang"), acceptLanguage: request.headers[.acceptLanguage])
        let page = CredentialPage(try await credential(found, of: badgeClass), language: language, urls: documents.urls)
        return try pages.response(page, headers: [.vary: "Accept, Accept-Language", .cacheControl: "no-store"])
    }

    /// `GET /public/assertions/{id}/certificate`: the printable A4 certificate. An unknown,
    /// private or erased assertion answers 404: an erased credential has no number and nothing to certify.
    @Sendable func certificate(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = UUID(uuidString: context.parameters.get("id") ?? ""), let found = try await publicAssertion(id: id),
            !found.assertion.isErased, let badgeClass = try await catalog.find(BadgeClass.self, id: found.assertion.badgeClassID)
        else { throw BadgeCoreError(.notFound, "no such assertion") }
        let language = PageLanguage.of(query: request.uri.queryParameters.get("lang"), acceptLanguage: request.headers[.acceptLanguage])
        let page = try CertificatePage(try await credential(found, of: badgeClass), language: language, urls: documents.urls)
        return try pages.response(page, headers: [.vary: "Accept-Language", .cacheControl: "no-store"])
    }

    /// What the credential page and the certificate show of a stored assertion, with badged's
    /// own verification of it now (``CredentialCheck``).
    private func credential(_ found: StoredAssertion, of badgeClass: Record<BadgeClass>) async throws -> CredentialPage.Credential {
        let issuer = try await catalog.find(Issuer.self, id: badgeClass.issuerID)
        let institution = try await catalog.find(Institution.self, id: badgeClass.institutionID)
        // An erased assertion keeps no number a lookup could reach; it is not numbered afresh.
        let number = found.assertion.isErased ? nil : try await credentialNumbers.numbers(for: [found.assertion.id])[found.assertion.id]
        return CredentialPage.Credential(
            stored: found,
            number: number,
            badgeClass: badgeClass.content,
            issuerName: issuer?.content.name ?? LocalizedText(),
            institutionName: institution?.content.name ?? LocalizedText(),
            status: try await check.status(of: found),
            checkedAt: check.now
        )
    }
}

extension CredentialPage {
    /// Whether a request prefers HTML (a browser) over JSON-LD (a verifier).
    static func wantsHTML(_ accept: String?) -> Bool {
        guard let accept = accept?.lowercased() else { return false }
        return accept.contains("text/html") && !accept.contains("application/ld+json")
    }
}
