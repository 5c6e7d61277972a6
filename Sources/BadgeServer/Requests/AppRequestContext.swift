public import BadgeCore
public import Foundation
public import Hummingbird
import Logging
import NIOCore

/// The per-request context: Hummingbird's core storage, the body limit from configuration, and
/// the authenticated caller once the API key middleware has run.
public struct AppRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The caller, set by ``APIKeyAuthenticator``.
    public var principal: Principal?
    /// The largest body this request may carry.
    public var maxUploadSize: Int
    /// The client's address, without the port, for per-client limits: the connection's peer, or
    /// behind a proxy listed in `http.trusted_proxies` the client its `X-Forwarded-For` names
    /// (set by ``ClientAddressMiddleware``).
    public var clientAddress: String

    /// Responses carry ISO 8601 times and sorted keys.
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Requests carry ISO 8601 times.
    public var requestDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    public init(source: Source) {
        coreContext = .init(source: source)
        maxUploadSize = 1_048_576
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The authenticated caller.
    /// - Throws: `.unauthenticated` if no API key authenticated the request.
    public func requirePrincipal() throws(BadgeServerError) -> Principal {
        guard let principal else { throw BadgeServerError(.unauthenticated, "an API key is required") }
        return principal
    }
}

/// Sets the configured body limit on every request.
struct BodyLimitMiddleware: RouterMiddleware {
    let maxBodySize: Int

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response
    {
        var context = context
        // Bulk awards (up to 10,000 recipients) may be larger than other bodies.
        let limit = request.uri.path.hasSuffix("/assertions") ? max(maxBodySize, 8 * 1_048_576) : maxBodySize
        context.maxUploadSize = limit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw HTTPError(.contentTooLarge, message: "the request body is larger than \(limit) bytes")
        }
        return try await next(request, context)
    }
}
