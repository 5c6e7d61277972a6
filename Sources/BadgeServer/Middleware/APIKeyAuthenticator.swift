import BadgeCore
import BadgeIssuing
import Hummingbird
import Logging

/// Authenticates `/api/v1` requests by `Authorization: Bearer <API key>`.
///
/// Missing, unknown, malformed and revoked keys all get 401 with a reason; the token itself is
/// never logged, only the key id once it is known.
struct APIKeyAuthenticator: RouterMiddleware {
    let keys: any APIKeyStore

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response
    {
        guard let header = request.headers[.authorization] else {
            throw BadgeServerError(.unauthenticated, "send an API key as Authorization: Bearer <key>")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", parts[1].hasPrefix("bdg_"), parts[1].count < 100 else {
            throw BadgeServerError(.unauthenticated, "the Authorization header must be Bearer followed by a badged API key")
        }
        guard let key = try await keys.findKey(tokenHash: APITokens.digest(String(parts[1]))) else {
            throw BadgeServerError(.unauthenticated, "the API key is not known")
        }
        guard key.revokedAt == nil else {
            throw BadgeServerError(.unauthenticated, "the API key has been revoked")
        }
        var context = context
        context.principal = key.principal
        context.logger[metadataKey: "auth.key_id"] = "\(key.id)"
        return try await next(request, context)
    }
}
