import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import LTI
import Logging
import NIOCore

/// `GET /lti/register/{secret}?openid_configuration=…&registration_token=…`: the tool side of LTI
/// Dynamic Registration. Spends the one-time link, registers with the platform and stores it for
/// the link's institution, then tells the LMS window to close (`org.imsglobal.lti.close`).
struct LTIRegistrationController: Sendable {
    let links: LTIRegistrationLinks
    let registry: any PlatformRegistrationStore
    let registrar: DynamicRegistrar
    let tool: ToolRegistration
    let ids: any IDGenerator
    let clock: any TimeSource
    let pages: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.on(Route.ltiRegister, use: register)
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        let secret = context.parameters.get("secret") ?? ""
        let query = request.uri.queryParameters
        guard let configurationURL = query["openid_configuration"].map(String.init), !configurationURL.isEmpty else {
            throw LTIError(.invalidRequest, "The registration request lacks openid_configuration.")
        }
        let registrationToken = query["registration_token"].map(String.init)
        guard secret.count == 64, secret.allSatisfy(\.isHexDigit),
            let institutionID = try await links.consume(secret: secret, now: clock.now())
        else {
            throw BadgeCoreError(.forbidden, "this registration link is unknown, used or expired; make a new one with badged platform register-url")
        }
        let platform = try await registrar.register(configurationURL: configurationURL, registrationToken: registrationToken, tool: tool)
        try PlatformFactory.requireSafeEndpoints(platform)
        let registration = PlatformRegistration(id: ids.makeID(), institutionID: institutionID, platform: platform, createdAt: clock.now())
        guard try await registry.insert(registration) else {
            throw BadgeCoreError(.conflict, "this platform's issuer and client id are already registered", field: "client_id")
        }
        var logger = context.logger
        logger[metadataKey: "lti.issuer"] = "\(platform.issuer)"
        logger.info("registered LTI platform by dynamic registration")
        // The LMS opens the registration in its own window or frame.
        var policy = pages.policy
        policy.frameAncestors = URL(string: configurationURL).flatMap(ContentSecurityPolicy.origin(of:)).map { [$0] } ?? []
        let page = RegisteredPage(
            title: "badged registered",
            issuer: platform.issuer,
            clientID: platform.clientID,
            deployments: platform.deploymentIDs.sorted().joined(separator: ", ")
        )
        return Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store", ContentSecurityPolicy.header: policy.value],
            body: ResponseBody(byteBuffer: ByteBuffer(string: try pages.render(page)))
        )
    }
}
