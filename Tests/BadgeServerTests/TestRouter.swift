import BadgeTesting
import Configuration
import Hummingbird
import LTI

@testable import BadgeServer

/// The router `buildApplication` serves, built on a throwaway in-memory database.
enum TestRouter {
    static func make() async throws -> Router<AppRequestContext> {
        let configuration = try AppConfiguration(reader: ConfigReader(provider: InMemoryProvider(values: ["db.url": "sqlite::memory:"])))
        let services = try await Services.open(
            configuration: configuration,
            dependencies: AppDependencies(toolKeys: ToolKeySet(current: try EphemeralToolKey.make())),
            logger: TestDatabases.logger
        )
        do {
            let router = try await buildRouter(services: services, logger: TestDatabases.logger)
            try await services.close()
            return router
        } catch {
            try? await services.close()
            throw error
        }
    }
}
