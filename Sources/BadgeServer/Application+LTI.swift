import BadgeCore
import BadgeStorage
import Crypto
import Foundation
import Hummingbird
import LTI
import _CryptoExtras

/// Wires the LTI tool endpoints with SQL-backed platform registry and login state.
func addLTIRoutes(
    to router: Router<AppRequestContext>,
    database: BadgeDatabase,
    catalog: any CatalogStore,
    configuration: AppConfiguration,
    dependencies: AppDependencies
) throws {
    guard let toolKeys = dependencies.toolKeys, let launchURL = URL(string: configuration.publicBaseURL + "/lti/launch") else {
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
        toolKeys: toolKeys,
        catalog: catalog,
        platforms: registry,
        deepLinks: SQLDeepLinkStore(database: database),
        ids: dependencies.ids,
        clock: dependencies.clock,
        launchURL: launchURL
    ).addRoutes(to: router)
}

/// badged's clock, seen through the LTI library's port.
struct LTIClockAdapter: LTIClock {
    let source: any TimeSource
    func now() -> Date { source.now() }
}

/// Makes an RSA-2048 tool key that lives only as long as the process.
enum EphemeralToolKey {
    static func make() throws -> ToolKey {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let kid = "dev-" + SHA256.hash(data: key.publicKey.derRepresentation).prefix(8).map { String(format: "%02x", $0) }.joined()
        return try ToolKey(kid: kid, pem: key.pemRepresentation)
    }
}
