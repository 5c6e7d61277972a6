public import AsyncHTTPClient
import NIOCore

/// The HTTP client of badged's outbound requests: it follows no redirects itself, so that the
/// outbound policy sees and checks every hop (``LTI/OutboundPolicy``). One per process, like
/// AsyncHTTPClient's own shared client, so it is never shut down.
public enum OutboundClient {
    /// The process's outbound client.
    public static let shared = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: .seconds(30))
        )
    )
}
