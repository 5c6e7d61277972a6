import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import OpenBadges

/// Claiming by e-mail address: `POST /claim/mail` (a visitor asks for a one-time link),
/// `GET /claim/confirm/{token}` (the mailed link: a confirm button) and `POST /claim/confirm`
/// (the claim, for the address's recipient).
///
/// Requests are limited per client address with the claims' own limiter. A request answers
/// "check your mail" whatever the address; a link that no longer works answers one plain 410
/// page. Without a mail relay the routes answer 404. Addresses and tokens appear in no log. The
/// confirmation is taken only from badged's own page (``SameOriginForms``), so another site
/// cannot make a browser confirm a link that is not its visitor's.
struct ClaimMailController: Sendable {
    let mail: ClaimMail
    /// Whether a mail relay is configured.
    let enabled: Bool
    /// Whether students can sign in with their e-mail address (an OpenID Connect provider with
    /// `recipient_type` `email` is configured), so that the result page can say how to see the
    /// badge in a wallet.
    let canSignIn: Bool
    let catalog: any CatalogStore
    let limiter: ClaimRateLimiter
    let urls: PublicURLs
    let pages: PageRenderer
    let sameOrigin: SameOriginForms

    func addRoutes(to router: Router<AppRequestContext>) {
        router.on(Route.claimMailRequest) { request, context in
            try requireEnabled()
            if let wait = limiter.take(context.clientAddress) { throw ClaimRateLimited(retryAfter: wait) }
            let form = try await FormParameters.body(request, context: context)
            let language = ClaimPageController.language(request)
            try await mail.request(
                secret: form["code"] ?? "",
                address: form["email"] ?? "",
                evidenceURL: form["evidence_url"],
                evidenceText: form["evidence_text"],
                language: language.rawValue
            )
            return try noStore(pages.response(ClaimMailPage(language: language, state: .sent)))
        }
        router.on(Route.claimMailConfirmPage) { request, context in
            try requireEnabled()
            let language = ClaimPageController.language(request)
            let token = context.parameters.get("token") ?? ""
            do {
                let (_, code) = try await mail.pending(token: token)
                let name = try await badgeName(code.badgeClassID, language)
                return try noStore(pages.response(ClaimMailPage(language: language, state: .confirm(badgeName: name, token: token))))
            } catch let error as BadgeCoreError where error.code == .claimLinkUnusable {
                return try noStore(pages.response(ClaimMailPage(language: language, state: .unusable), status: .gone))
            }
        }
        router.on(Route.claimMailConfirm) { request, context in
            try requireEnabled()
            try sameOrigin.require(request)
            if let wait = limiter.take(context.clientAddress) { throw ClaimRateLimited(retryAfter: wait) }
            let form = try await FormParameters.body(request, context: context)
            let language = ClaimPageController.language(request)
            let outcome: ClaimCodes.Outcome
            do {
                outcome = try await mail.confirm(token: form["token"] ?? "")
            } catch let error as BadgeCoreError where error.code == .claimLinkUnusable {
                return try noStore(pages.response(ClaimMailPage(language: language, state: .unusable), status: .gone))
            } catch let error as BadgeCoreError where [.claimCodeExpired, .claimCodeUsedUp, .claimCodeDisabled].contains(error.code) {
                let refusal: ClaimRefusal =
                    error.code == .claimCodeUsedUp ? .usedUp : error.code == .claimCodeExpired ? .expired : .disabled
                return try noStore(pages.response(ClaimMailPage(language: language, state: .refused(refusal)), status: .gone))
            }
            let (badgeClassID, assertionID): (UUID, UUID?) =
                switch outcome {
                case .issued(let claim, let assertion): (claim.badgeClassID, assertion.id)
                case .pending(let claim), .denied(let claim): (claim.badgeClassID, nil)
                case .alreadyHeld(let assertion): (assertion.badgeClassID, assertion.id)
                }
            let page = ClaimPage(
                language: language,
                code: "",
                state: .claimed(
                    outcome,
                    badgeName: try await badgeName(badgeClassID, language),
                    credentialURL: assertionID.map(urls.assertion),
                    by: .mailed(canSignIn: canSignIn)
                )
            )
            return try noStore(pages.response(page))
        }
    }

    private func requireEnabled() throws {
        guard enabled else {
            throw BadgeCoreError(.claimMailUnavailable, "claiming by e-mail address is not available here: sign in to claim")
        }
    }

    private func noStore(_ response: Response) -> Response {
        var response = response
        response.headers[.cacheControl] = "no-store"
        return response
    }

    private func badgeName(_ id: UUID, _ language: PageLanguage) async throws -> String {
        guard let record = try await catalog.find(BadgeClass.self, id: id) else { throw BadgeCoreError(.notFound, "no such badge class") }
        return record.content.name.preferred(language.rawValue)
    }
}
