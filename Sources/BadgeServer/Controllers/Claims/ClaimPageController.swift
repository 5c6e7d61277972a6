import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import OpenBadges

/// The claim pages: `GET /claim` (a form for a code, or `?code=`), `GET /claim/{code}` (the
/// link and QR code an organiser hands out), `POST /claim` (the signed-in student claims, with
/// evidence when the code asks for it) and `GET /claim/{code}/qr`.
///
/// Claims are limited per client address (429 with `Retry-After`). A code past its limit or
/// date says so plainly; an unknown code answers one "no such code" whatever the reason. Codes
/// appear in no log: errors are logged by route pattern only.
struct ClaimPageController: Sendable {
    let claims: ClaimCodes
    let catalog: any CatalogStore
    let access: StudentAccess
    let limiter: ClaimRateLimiter
    let urls: PublicURLs
    let pages: PageRenderer
    let clock: any TimeSource
    /// Whether visitors may claim by e-mail address (a mail relay is configured).
    var mailEnabled = false

    func addRoutes(to router: Router<AppRequestContext>) {
        router.on(Route.claimForm) { request, _ in
            let language = Self.language(request)
            guard let typed = request.uri.queryParameters.get("code"), !typed.isEmpty else {
                return try pages.response(ClaimPage(language: language, code: "", state: .enterCode))
            }
            return try await codePage(typed, request: request, language: language)
        }
        router.on(Route.claimCodePage) { request, context in
            try await codePage(context.parameters.get("code") ?? "", request: request, language: Self.language(request))
        }
        router.on(Route.claimSubmit) { request, context in
            if let wait = limiter.take(context.clientAddress) { throw ClaimRateLimited(retryAfter: wait) }
            let (session, body) = try await StudentSessions(access: access).requireForm(request, context: context)
            let form = FormParameters.decode(body)
            let outcome = try await claims.claim(
                secret: form["code"] ?? "",
                recipient: try access.recipient(of: session),
                evidenceURL: form["evidence_url"],
                evidenceText: form["evidence_text"]
            )
            let (badgeClassID, assertionID): (UUID, UUID?) =
                switch outcome {
                case .issued(let claim, let assertion): (claim.badgeClassID, assertion.id)
                case .pending(let claim), .denied(let claim): (claim.badgeClassID, nil)
                case .alreadyHeld(let assertion): (assertion.badgeClassID, assertion.id)
                }
            let page = ClaimPage(
                language: Self.language(request),
                code: form["code"] ?? "",
                state: .claimed(
                    outcome,
                    badgeName: try await badgeName(badgeClassID, request),
                    credentialURL: assertionID.map(urls.assertion),
                    by: .signedIn
                )
            )
            var response = try pages.response(page)
            response.headers[.cacheControl] = "no-store"
            return response
        }
        router.on(Route.claimQRCode) { request, context in
            guard let canonical = ClaimCodeSecret.canonical(context.parameters.get("code") ?? "") else {
                throw BadgeCoreError(.notFound, "that is not a claim code")
            }
            return try PublicController.qrCodeResponse(
                for: Route.claimCodePage.url(baseURL: urls.baseURL, ["code": ClaimCodeSecret.grouped(canonical)]),
                png: request.uri.queryParameters.get("format") == "png"
            )
        }
    }

    private func codePage(_ typed: String, request: Request, language: PageLanguage) async throws -> Response {
        let code: ClaimCode
        do {
            code = try await claims.code(secret: typed)
        } catch let error as BadgeCoreError where error.code == .notFound {
            var response = try pages.response(ClaimPage(language: language, code: "", state: .unknown))
            response.status = .notFound
            return response
        }
        let session = try? await StudentSessions(access: access).require(request)
        let refusal = code.refusal(at: clock.now())
        var page = ClaimPage(
            language: language,
            code: typed,
            state: .code(
                requiresEvidence: code.requiresEvidence,
                refusal: refusal,
                badgeName: try await badgeName(code.badgeClassID, request),
                formToken: session?.formToken
            )
        )
        if mailEnabled, session == nil, refusal == nil {
            page.mailForm = ClaimMailForm(language: language, code: typed, asksEvidence: code.requiresEvidence)
        }
        var response = try pages.response(page)
        response.headers[.cacheControl] = "no-store"
        if refusal != nil { response.status = .gone }
        return response
    }

    private func badgeName(_ id: UUID, _ request: Request) async throws -> String {
        guard let record = try await catalog.find(BadgeClass.self, id: id) else { throw BadgeCoreError(.notFound, "no such badge class") }
        return record.content.name.preferred(Self.language(request).rawValue)
    }

    static func language(_ request: Request) -> PageLanguage {
        PageLanguage.of(query: request.uri.queryParameters.get("lang"), acceptLanguage: request.headers[.acceptLanguage])
    }
}
