import BadgeCore
import BadgeStorage
import Crypto
import Foundation
import Hummingbird
public import LTI
import OpenBadges
import _CryptoExtras

/// Wires the LTI tool endpoints with SQL-backed platform registry and login state.
func addLTIRoutes(
    to router: Router<AppRequestContext>,
    database: BadgeDatabase,
    catalog: any CatalogStore,
    configuration: AppConfiguration,
    dependencies: AppDependencies
) throws {
    guard let toolKeys = dependencies.toolKeys, let launchURL = URL(string: Route.ltiLaunch.url(baseURL: configuration.publicBaseURL)) else {
        throw BadgeServerError.configuration("public.base_url", "does not make a valid LTI launch URL")
    }
    let clock = LTIClockAdapter(source: dependencies.clock)
    let registry = SQLPlatformRegistry(database: database)
    let store = SQLLaunchStateStore(database: database)
    LTIController(
        initiator: LoginInitiator(registry: registry, store: store, redirectURL: launchURL, clock: clock),
        validator: LaunchValidator(
            registry: registry,
            store: store,
            keys: PlatformKeyCache(fetcher: HTTPJWKSFetcher(client: dependencies.httpClient), clock: clock),
            clock: clock,
            logger: dependencies.logger
        ),
        toolKeys: ToolKeySource(
            initial: toolKeys,
            keyring: configuration.keyEncryptionKey == nil
                ? nil
                : ToolKeyring(
                    store: SQLToolKeyStore(database: database),
                    encryption: try dependencies.keyEncryption(configuration),
                    ids: dependencies.ids,
                    clock: dependencies.clock
                )
        ),
        catalog: catalog,
        platforms: registry,
        deepLinks: SQLDeepLinkStore(database: database),
        heldBadges: SQLHeldBadgeStore(database: database),
        recipientMapping: configuration.recipientMapping,
        urls: try PublicURLs(baseURL: configuration.publicBaseURL),
        ids: dependencies.ids,
        clock: dependencies.clock,
        launchURL: launchURL
    ).addRoutes(to: router)
    let base = configuration.publicBaseURL
    guard let loginURL = URL(string: Route.ltiLogin.url(baseURL: base)), let jwksURL = URL(string: Route.ltiJWKS.url(baseURL: base)) else {
        throw BadgeServerError.configuration("public.base_url", "does not make valid LTI URLs")
    }
    LTIRegistrationController(
        links: SQLRegistrationLinkStore(database: database),
        registry: registry,
        registrar: DynamicRegistrar(client: dependencies.httpClient),
        tool: ToolRegistration(
            clientName: "badged",
            loginURL: loginURL,
            launchURL: launchURL,
            jwksURL: jwksURL,
            description: "Open Badges and Europass credentials from course results"
        ),
        ids: dependencies.ids,
        clock: dependencies.clock
    ).addRoutes(to: router)
    let api = router.group(for: .admin).add(middleware: APIKeyAuthenticator(keys: SQLAPIKeyStore(database: database)))
    PlatformController(
        registry: registry,
        links: LTIRegistrationLinks(store: SQLRegistrationLinkStore(database: database), baseURL: base),
        catalog: catalog,
        ids: dependencies.ids,
        clock: dependencies.clock
    ).addRoutes(to: api)
}

/// badged's clock, seen through the LTI library's port.
struct LTIClockAdapter: LTIClock {
    let source: any TimeSource
    func now() -> Date { source.now() }
}

/// Makes an RSA-2048 tool key that lives only as long as the process (development daemons,
/// benchmark platforms, and the platforms and forgers of tests).
public enum EphemeralToolKey {
    /// A fresh key; its kid defaults to `dev-` and a digest of the public key.
    public static func make(kid: String? = nil) throws -> ToolKey {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        return try ToolKey(kid: kid ?? "dev-" + Entropy.hex(SHA256.hash(data: key.publicKey.derRepresentation).prefix(8)), pem: key.pemRepresentation)
    }
}
