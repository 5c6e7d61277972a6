import BadgeCore
import BadgeIssuing
import Crypto
import Foundation
import Hummingbird
public import LTI
import Logging
import OpenBadges
import _CryptoExtras

/// Wires the LTI tool endpoints: login, launch, deep linking, JWKS, Dynamic Registration and
/// pushed scores.
/// - Returns: where the tool's keys come from (the grade services sign with them too).
func addLTIRoutes(to router: Router<AppRequestContext>, services: Services, pages: PageRenderer, logger: Logger) async throws -> ToolKeySource {
    let configuration = services.configuration
    let dependencies = services.dependencies
    let base = configuration.publicBaseURL
    guard let launchURL = URL(string: Route.ltiLaunch.url(baseURL: base)), let loginURL = URL(string: Route.ltiLogin.url(baseURL: base)),
        let jwksURL = URL(string: Route.ltiJWKS.url(baseURL: base))
    else {
        throw BadgeServerError.configuration("public.base_url", "does not make valid LTI URLs")
    }
    let clock = LTIClockAdapter(source: dependencies.clock)
    let policy = OutboundPolicy(allowlist: configuration.privateEndpointAllowlist)
    let platformKeys = PlatformKeyCache(fetcher: HTTPJWKSFetcher(client: dependencies.httpClient, policy: policy), clock: clock)
    let toolKeySource = try await services.toolKeys.source()
    LTIController(
        initiator: LoginInitiator(registry: services.platforms, store: services.launchStates, redirectURL: launchURL, clock: clock),
        validator: LaunchValidator(
            registry: services.platforms,
            store: services.launchStates,
            keys: platformKeys,
            clock: clock,
            logger: dependencies.logger
        ),
        toolKeys: toolKeySource,
        courses: services.courses,
        grading: services.grading,
        outcomeRules: services.outcomeRules,
        launchURL: launchURL,
        pages: pages,
        urls: services.urls,
        studentAccess: services.studentAccess
    ).addRoutes(to: router)
    LTIRegistrationController(
        links: services.registrationLinks,
        registry: services.platforms,
        registrar: DynamicRegistrar(client: dependencies.httpClient, policy: policy),
        tool: ToolRegistration(
            clientName: "badged",
            loginURL: loginURL,
            launchURL: launchURL,
            jwksURL: jwksURL,
            description: "Open Badges and Europass credentials from course results"
        ),
        ids: dependencies.ids,
        clock: dependencies.clock,
        pages: pages
    ).addRoutes(to: router)
    ScoreController(
        verifier: ServiceTokenVerifier(keys: platformKeys, registry: services.platforms, audience: configuration.tokenAudience, clock: clock),
        replay: services.replayGuard,
        rules: services.outcomeRuleStore,
        intake: services.intake,
        urls: services.urls,
        clock: dependencies.clock
    ).addRoutes(to: router)
    BasicOutcomeController(outcomes: services.basicOutcomes, publicURL: Route.ltiOutcomes.url(baseURL: base)).addRoutes(to: router)
    return toolKeySource
}

/// Makes an RSA-2048 tool key that lives only as long as the process (development daemons,
/// benchmark platforms, and the platforms and forgers of tests).
public enum EphemeralToolKey {
    /// A fresh key; its kid defaults to `dev-` and a digest of the public key.
    public static func make(kid: String? = nil) throws -> ToolKey {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        return try ToolKey(kid: kid ?? "dev-" + Digest.hex(SHA256.hash(data: key.publicKey.derRepresentation).prefix(8)), pem: key.pemRepresentation)
    }
}
