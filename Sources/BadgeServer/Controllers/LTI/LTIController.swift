import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import LTI
import Logging
import NIOCore
import OpenBadges

/// The LTI 1.3 tool endpoints an LMS administrator registers:
/// `GET|POST /lti/login` (OIDC login initiation), `POST /lti/launch` (the id_token form_post)
/// `POST /lti/review` (an instructor's review from the launch page) and `GET /lti/jwks` (the
/// tool's public keys).
///
/// A login's state travels sealed (any daemon sharing the key-encryption key opens it) and spent
/// nonces live in the database, so any daemon behind a load balancer can finish a login that
/// another one started. Rejected launches answer 4xx problem documents.
struct LTIController: Sendable {
    let initiator: LoginInitiator
    let validator: LaunchValidator
    let toolKeys: ToolKeySource
    let courses: CourseBadges
    let grading: CourseGrading
    let outcomeRules: OutcomeRules
    let launchURL: URL
    let pages: PageRenderer
    let urls: PublicURLs
    /// Issues the one-time hand-off with which a student opens their wallet from the launch page.
    let studentAccess: StudentAccess

    func addRoutes(to router: Router<AppRequestContext>) {
        router.on(Route.ltiLogin, use: login)
        router.on(Route.ltiLoginPost, use: login)
        router.on(Route.ltiLaunch, use: launch)
        router.on(Route.ltiLaunchStorage, use: launchFromStorage)
        router.on(Route.ltiDeepLinking, use: deepLink)
        router.on(Route.ltiReview, use: review)
        router.on(Route.ltiRules, use: saveRule)
        router.on(Route.ltiJWKS) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: try await toolKeys.keySet().jwksJSON()))
            )
        }
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = FormParameters.query(request)
        if request.method == .post {
            parameters.merge(try await FormParameters.body(request, context: context)) { _, body in body }
        }
        let redirect = try await initiator.start(try LoginInitiationRequest(parameters: parameters))
        if let storage = redirect.storage {
            // The cookie is still set (it is the default wherever it arrives); the page also keeps
            // the state in the platform's frame for browsers that block third-party cookies.
            return try storagePage(
                .storing(redirect, in: storage),
                issuer: redirect.launchState.issuer,
                storage: storage,
                cookie: redirect.stateCookie
            )
        }
        return Response(
            status: .found,
            headers: [.location: redirect.authorizationURL.absoluteString, .setCookie: redirect.stateCookie.headerValue, .cacheControl: "no-store"]
        )
    }

    @Sendable func launch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try await FormParameters.body(request, context: context)
        let form = try LaunchForm(parameters: parameters, cookies: RequestCookies.all(in: request))
        if form.stateCookie == nil, let (storage, issuer) = try await validator.storageTarget(for: form) {
            // No cookie came back (a browser blocking third-party cookies): the page reads the
            // state from the platform's frame and re-posts the launch to launchFromStorage.
            context.logger.debug(
                "LTI launch without its state cookie: reading the state back from platform storage",
                metadata: ["lti.issuer": "\(issuer)"]
            )
            let action = Route.ltiLaunchStorage.url(baseURL: urls.baseURL)
            return try storagePage(.reading(form, from: storage, action: action), issuer: issuer, storage: storage, cookie: nil)
        }
        return try await land(try await validator.validate(form), state: form.state, context: context)
    }

    /// The page a validated launch lands on, framed by its platform (and by `storage`'s origin
    /// when the launch was finished through platform storage).
    func land(_ launch: LTILaunch, state: String, storage: PlatformStorageTarget? = nil, context: AppRequestContext) async throws -> Response {
        var logger = context.logger
        logger[metadataKey: "lti.issuer"] = "\(launch.issuer)"
        logger.debug("accepted LTI launch")
        let landing = try await courses.land(launch)
        let held = landing.heldBadges.map { LaunchPage.HeldBadge(name: $0.name, url: $0.url, issuedOn: $0.issuedOn) }
        var page = LaunchPage(launch: launch, badgeClasses: landing.badgeClasses, heldBadges: held, pickSession: landing.pickSession)
        if landing.pickSession == nil, let overview = try await grading.overview(for: launch) {
            page.show(overview, badgeClasses: landing.badgeClasses)
        }
        page.show(progress: landing.progress, urls: urls)
        if let recipient = landing.recipient {
            page.walletHandoff = try await studentAccess.issueEntry(for: recipient, purpose: .launch).token
        }
        var response = try framedPage(page, for: launch, alsoBy: storage.map { [$0.origin] } ?? [])
        response.headers[.setCookie] = StateCookie(state: state, maxAge: 0).expiredHeaderValue
        return response
    }

    /// An instructor's rule for the launched activity: added or changed, or removed with
    /// `operation=remove`.
    @Sendable func saveRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try await FormParameters.body(request, context: context)
        guard let session = parameters["session"], session.count == 64 else {
            throw BadgeServerError(.badRequest, "the rule form needs its session", field: "session")
        }
        let expired = BadgeServerError(.badRequest, "this form has expired or was already used; open the activity again", field: "session")
        if parameters["operation"] == "remove" {
            guard let (removed, launch) = try await grading.removeRule(session: session, rules: outcomeRules) else { throw expired }
            let page = ReviewedPage(
                title: "Rule removed",
                outcome: "Grades of \(removed.rule.title ?? "this activity") no longer award a badge. Badges issued by the rule stay issued."
            )
            return try framedPage(page, for: launch)
        }
        guard let badgeClassID = parameters["badge_class_id"].flatMap(UUID.init(uuidString:)) else {
            throw BadgeServerError(.badRequest, "the rule needs a badge_class_id", field: "badge_class_id")
        }
        var threshold: Double?
        if let text = parameters["threshold"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
                throw BadgeCoreError.invalid("threshold", "the threshold is a number, such as 5.5 or 55")
            }
            threshold = value
        }
        let form = CourseGrading.RuleForm(
            badgeClassID: badgeClassID,
            condition: parameters["condition"] ?? "",
            threshold: threshold,
            action: parameters["action"] ?? ""
        )
        guard let (stored, launch) = try await grading.saveRule(session: session, form, rules: outcomeRules) else { throw expired }
        let page = ReviewedPage(title: "Rule saved", outcome: "Grades of \(stored.rule.title ?? "this activity") now award the badge as you chose.")
        return try framedPage(page, for: launch)
    }

    /// An instructor's approve or deny from the launch page.
    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try await FormParameters.body(request, context: context)
        guard let session = parameters["session"], session.count == 64, let recordID = parameters["record_id"].flatMap(UUID.init(uuidString:)),
            let decision = parameters["decision"].flatMap(GradeIntake.Review.init(rawValue:))
        else { throw BadgeServerError(.badRequest, "the review needs a session, a record_id and a decision (approve or deny)", field: "decision") }
        let comment = parameters["comment"].flatMap { $0.isEmpty ? nil : $0 }
        guard let (record, launch) = try await grading.review(session: session, recordID: recordID, decision, comment: comment) else {
            throw BadgeServerError(.badRequest, "this review form has expired or was already used; open the activity again", field: "session")
        }
        let page = ReviewedPage(
            title: decision == .approve ? "Approved" : "Denied",
            outcome: "The grade is now \(record.decision.rawValue.replacingOccurrences(of: "_", with: " ")). \(record.reason)"
        )
        return try framedPage(page, for: launch)
    }

    /// A page inside the platform's frame: not cached, and framed only by the launch's platform.
    private func framedPage(_ page: some PageModel, for launch: LTILaunch, alsoBy origins: [String] = []) throws -> Response {
        var policy = pages.policy.framed(by: launch)
        policy.frameAncestors = Array(Set(policy.frameAncestors + origins)).sorted()
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "no-store",
                ContentSecurityPolicy.header: policy.value,
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: try pages.render(page)))
        )
    }

    /// The instructor's pick on the deep-linking page: the signed LtiDeepLinkingResponse,
    /// auto-posted to the platform's return URL.
    @Sendable func deepLink(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try await FormParameters.body(request, context: context)
        guard let session = parameters["session"], session.count == 64,
            let badgeClassID = parameters["badge_class_id"].flatMap(UUID.init(uuidString:))
        else { throw BadgeServerError(.badRequest, "the pick needs a session and a badge_class_id", field: "badge_class_id") }
        let key = try await toolKeys.keySet().current
        guard let response = try await courses.place(session: session, badgeClassID: badgeClassID, launchURL: launchURL, key: key) else {
            throw BadgeServerError(.badRequest, "this pick has expired or was already used; start again from the course", field: "session")
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "no-store",
                ContentSecurityPolicy.header: ContentSecurityPolicy.deepLinkingAnswer(returnURL: response.returnURL).value,
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: response.htmlForm))
        )
    }
}
