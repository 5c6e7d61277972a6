import HTTPTypes
import Hummingbird

extension Router {
    /// Registers a handler for a route of the table at its whole path.
    ///
    /// - Parameters:
    ///   - route: a route whose audience is mounted at the root (not the admin API).
    ///   - handler: answers the route's requests.
    @discardableResult
    func on(_ route: Route, use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator) -> Self {
        on(RouterPath(route.path), method: route.method, use: handler)
    }
}

extension RouterGroup {
    /// Registers a handler for a route of the table below this group, which must be the group
    /// at the route audience's mount (`api/v1` for the admin API).
    ///
    /// - Parameters:
    ///   - route: a route of the audience this group is mounted for.
    ///   - handler: answers the route's requests.
    @discardableResult
    func on(_ route: Route, use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator) -> Self {
        on(RouterPath(route.pattern), method: route.method, use: handler)
    }
}

extension Router {
    /// The group an audience's routes are registered under (`api/v1` for the admin API), to
    /// which the caller adds the audience's middleware.
    func group(for audience: Route.Audience) -> RouterGroup<Context> {
        group(RouterPath(audience.mount))
    }
}
