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
/// and `GET /lti/jwks` (the tool's public keys).
///
/// Login state and spent nonces live in the database, so any daemon behind a load balancer can
/// finish a login that another one started. Rejected launches answer 4xx problem documents.
struct LTIController: Sendable {
    let initiator: LoginInitiator
    let validator: LaunchValidator
    let toolKeys: ToolKeySource
    let catalog: any CatalogStore
    let platforms: any PlatformRegistrationStore
    let deepLinks: any DeepLinkSessionStore
    let courseLinks: any CourseLinkStore
    let assertions: any AssertionStore
    let recipientMapping: LTIRecipientMapping
    let urls: PublicURLs
    let ids: any IDGenerator
    let clock: any TimeSource
    let random: any RandomSource
    let launchURL: URL
    let pages: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.on(Route.ltiLogin, use: login)
        router.on(Route.ltiLoginPost, use: login)
        router.on(Route.ltiLaunch, use: launch)
        router.on(Route.ltiDeepLinking, use: deepLink)
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
        return Response(
            status: .found,
            headers: [.location: redirect.authorizationURL.absoluteString, .setCookie: redirect.stateCookie.headerValue, .cacheControl: "no-store"]
        )
    }

    @Sendable func launch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try await FormParameters.body(request, context: context)
        var cookies: [String: String] = [:]
        for cookie in request.headers[values: .cookie].flatMap({ $0.split(separator: ";") }) {
            let pair = cookie.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2 { cookies[pair[0]] = pair[1] }
        }
        let launch = try await validator.validate(try LaunchForm(parameters: parameters, cookies: cookies))
        var logger = context.logger
        logger[metadataKey: "lti.issuer"] = "\(launch.issuer)"
        logger.debug("accepted LTI launch")
        let institutionID = try await platforms.institutionID(issuer: launch.issuer, clientID: launch.clientID)
        var badgeClasses: [Record<BadgeClass>] = []
        if let institutionID {
            badgeClasses = try await catalog.list(
                BadgeClass.self,
                filter: CatalogFilter(institutionID: institutionID),
                page: PageRequest(limit: PageRequest.maximumLimit)
            ).items
        }
        let state = parameters["state"] ?? ""
        var held: [LaunchPage.HeldBadge] = []
        if launch.messageType == .resourceLink, !launch.isInstructor {
            held = try await heldBadges(for: launch, institutionID: institutionID, badgeClasses: badgeClasses)
        }
        var pickSession: String?
        if launch.messageType == .deepLinking {
            guard launch.isInstructor else {
                throw BadgeCoreError(.forbidden, "only instructors can place badges in a course")
            }
            let session = makeSessionID()
            try await deepLinks.save(launch, id: session, expiresAt: clock.now().addingTimeInterval(900))
            pickSession = session
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .setCookie: StateCookie(state: state, maxAge: 0).expiredHeaderValue,
                .cacheControl: "no-store",
            ],
            body: ResponseBody(
                byteBuffer: ByteBuffer(
                    string: try pages.render(LaunchPage(launch: launch, badgeClasses: badgeClasses, heldBadges: held, pickSession: pickSession))
                )
            )
        )
    }
}

extension LTIController {
    /// The student's unrevoked badges of the platform's institution, identified by
    /// `lti.recipient_identity`; limited to the badge classes linked into the course when it has any.
    /// - Throws: ``LTIError`` `.missingClaim` (400) when the launch carries none of the mapped claims.
    func heldBadges(for launch: LTILaunch, institutionID: UUID?, badgeClasses: [Record<BadgeClass>]) async throws -> [LaunchPage.HeldBadge] {
        guard let recipient = recipientMapping.recipient(for: launch) else {
            throw LTIError(
                .missingClaim,
                "This launch carries none of the claims badged identifies students by (\(recipientMapping.claimList)); "
                    + "ask the LMS administrator to share them with the tool."
            )
        }
        guard let institutionID else { return [] }
        let assertions = try await assertions.held(recipientKey: recipient.key, institutionID: institutionID, limit: 200)
        var linked: Set<UUID> = []
        if let contextID = launch.context?.id {
            linked = Set(try await courseLinks.linkedBadgeClasses(issuer: launch.issuer, contextID: contextID))
        }
        let names = Dictionary(badgeClasses.map { ($0.id, $0.name.preferred($0.language)) }) { first, _ in first }
        return assertions.filter { linked.isEmpty || linked.contains($0.badgeClassID) }.map { assertion in
            LaunchPage.HeldBadge(name: names[assertion.badgeClassID] ?? "Badge", url: urls.assertion(assertion.id), issuedOn: assertion.issuedOn)
        }
    }

    /// The instructor's pick on the deep-linking page: answers the platform with a signed
    /// LtiDeepLinkingResponse (an ltiResourceLink for the badge class, with a line item when the
    /// platform accepts one), auto-posted to its return URL, and records the link.
    @Sendable func deepLink(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try await FormParameters.body(request, context: context)
        guard let session = parameters["session"], session.count == 64,
            let badgeClassID = parameters["badge_class_id"].flatMap(UUID.init(uuidString:))
        else { throw BadgeServerError(.badRequest, "the pick needs a session and a badge_class_id", field: "badge_class_id") }
        guard let launch = try await deepLinks.take(id: session, at: clock.now()) else {
            throw BadgeServerError(.badRequest, "this pick has expired or was already used; start again from the course", field: "session")
        }
        guard let badgeClass = try await catalog.find(BadgeClass.self, id: badgeClassID), !badgeClass.isArchived,
            try await platforms.institutionID(issuer: launch.issuer, clientID: launch.clientID) == badgeClass.institutionID
        else { throw BadgeCoreError(.forbidden, "that badge class is not one of this platform's institution") }
        let title = badgeClass.name.preferred(badgeClass.language)
        let acceptsLineItem = launch.deepLinking?.acceptLineItem ?? false
        let item = DeepLinkingContentItem(
            title: title,
            url: launchURL,
            custom: ["badge_class_id": badgeClassID.uuidString.lowercased()],
            lineItem: acceptsLineItem
                ? .init(scoreMaximum: 100, label: title, resourceID: badgeClassID.uuidString.lowercased(), tag: "badged") : nil
        )
        let response = try await DeepLinkingResponse.make(
            for: launch,
            items: [item],
            message: "Linked to the badge \(title)",
            key: try await toolKeys.keySet().current,
            clock: LTIClockAdapter(source: clock)
        )
        try await courseLinks.recordLink(
            CourseLink(
                issuer: launch.issuer,
                clientID: launch.clientID,
                deploymentID: launch.deploymentID,
                contextID: launch.context?.id,
                badgeClassID: badgeClassID
            ),
            id: ids.makeID(),
            at: clock.now()
        )
        return Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: response.htmlForm))
        )
    }

    /// 32 random bytes in hex: the pick session's bearer secret.
    func makeSessionID() -> String {
        Digest.hex(random.bytes(32))
    }
}

/// Reads `application/x-www-form-urlencoded` bodies and query strings into dictionaries.
enum FormParameters {
    static func query(_ request: Request) -> [String: String] {
        decode(request.uri.query ?? "")
    }

    static func body(_ request: Request, context: AppRequestContext) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return decode(String(buffer: buffer))
    }

    static func decode(_ text: String) -> [String: String] {
        var components = URLComponents()
        // Form encoding writes spaces as "+", which URLComponents does not decode.
        components.percentEncodedQuery = text.replacingOccurrences(of: "+", with: "%20")
        var result: [String: String] = [:]
        for item in components.queryItems ?? [] where result[item.name] == nil {
            result[item.name] = item.value ?? ""
        }
        return result
    }
}
