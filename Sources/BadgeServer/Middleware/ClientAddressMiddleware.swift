import HTTPTypes
import Hummingbird

/// Sets ``AppRequestContext/clientAddress`` to the client behind trusted reverse proxies (see
/// ``TrustedProxies``), so that per-client limits such as the claim rate limit count clients,
/// not the proxy. With no trusted proxies the socket peer stays, whatever the request says.
struct ClientAddressMiddleware: RouterMiddleware {
    let proxies: TrustedProxies

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response
    {
        guard !proxies.isEmpty else { return try await next(request, context) }
        var context = context
        context.clientAddress = proxies.clientAddress(peer: context.clientAddress, forwardedFor: request.headers[values: Self.forwardedFor])
        return try await next(request, context)
    }

    /// `X-Forwarded-For`.
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!  // a valid token: the name parses
}
