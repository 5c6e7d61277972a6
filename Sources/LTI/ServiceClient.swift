import AsyncHTTPClient
import Foundation

/// Authorized, paged and retried requests to LTI Advantage services, shared by AGS and NRPS.
struct ServiceClient: Sendable {
    static let maximumPages = 200

    let exchange: HTTPExchange
    let tokens: AccessTokenProvider

    /// Sends a request with a bearer token; a 401 drops the cached token and tries once more.
    func send(
        _ method: String,
        _ url: URL,
        platform: Platform,
        scopes: Set<String>,
        accept: String,
        contentType: String? = nil,
        body: Data? = nil
    ) async throws -> HTTPReply {
        var reply = try await sendOnce(method, url, platform: platform, scopes: scopes, accept: accept, contentType: contentType, body: body)
        if reply.status == 401 {
            await tokens.invalidate(for: platform, scopes: scopes)
            reply = try await sendOnce(method, url, platform: platform, scopes: scopes, accept: accept, contentType: contentType, body: body)
        }
        guard (200..<300).contains(reply.status) else {
            throw LTIError(.serviceRequestFailed, "The platform answered HTTP \(reply.status) to \(method) \(url.path).")
        }
        return reply
    }

    private func sendOnce(
        _ method: String,
        _ url: URL,
        platform: Platform,
        scopes: Set<String>,
        accept: String,
        contentType: String?,
        body: Data?
    ) async throws -> HTTPReply {
        let token = try await tokens.token(for: platform, scopes: scopes)
        var headers = [("Authorization", "Bearer \(token)"), ("Accept", accept)]
        if let contentType { headers.append(("Content-Type", contentType)) }
        return try await exchange.send(method, url, headers: headers, body: body)
    }

    /// GETs every page, following `Link: <…>; rel="next"`, decoding each page with `decode`.
    func getAllPages<Item>(
        _ url: URL,
        platform: Platform,
        scopes: Set<String>,
        accept: String,
        decode: (Data) throws -> [Item]
    ) async throws -> [Item] {
        var items: [Item] = []
        var next: URL? = url
        var pages = 0
        while let page = next {
            pages += 1
            guard pages <= Self.maximumPages else { throw LTIError(.invalidResponse, "The platform returned too many pages.") }
            let reply = try await send("GET", page, platform: platform, scopes: scopes, accept: accept)
            do {
                items += try decode(reply.body)
            } catch {
                throw LTIError(.invalidResponse, "A page from \(page.path) could not be read.", cause: error)
            }
            next = ServiceEndpoint.nextPage(fromLinkHeaders: reply.header("Link"))
        }
        return items
    }
}
