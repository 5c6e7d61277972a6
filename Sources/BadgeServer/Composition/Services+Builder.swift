import AsyncHTTPClient
import BadgeCore
import LTI
import Logging
import OpenBadges

extension Services {
    /// What every area of ``Services`` is built from: the stores, the configuration, the injected
    /// clock, identifiers and randomness, the key-encryption key and the outbound HTTP client.
    /// Its factories, one file per area (`Services+Signing.swift` and so on), return the parts
    /// ``Services`` keeps; the parts one area takes from another are passed in explicitly.
    struct Builder {
        let stores: Stores
        let configuration: AppConfiguration
        let dependencies: AppDependencies
        let encryption: KeyEncryption
        let logger: Logger
        /// Every outbound request (LTI services, verifications, OpenID) goes through one client
        /// and one policy.
        let client: HTTPClient
        let policy: OutboundPolicy

        init(
            stores: Stores,
            configuration: AppConfiguration,
            dependencies: AppDependencies,
            encryption: KeyEncryption,
            logger: Logger
        ) {
            self.stores = stores
            self.configuration = configuration
            self.dependencies = dependencies
            self.encryption = encryption
            self.logger = logger
            client = dependencies.httpClient
            policy = OutboundPolicy(allowlist: configuration.privateEndpointAllowlist)
        }

        var clock: any TimeSource { dependencies.clock }
        var ids: any IDGenerator { dependencies.ids }
        var random: any RandomSource { dependencies.random }
    }
}
