import BadgeServer
import Foundation
import Hummingbird
import LTI
import Logging
import NIOCore

/// The in-process platform of `bench launch`: it publishes its JWKS at `/mod/lti/certs.php`, as
/// Moodle does, and its key signs the id_tokens the ``LaunchDriver`` posts.
struct LaunchPlatform: Sendable {
    /// Its issuer and base URL, e.g. `http://127.0.0.1:40123`.
    let issuer: String
    /// The key that signs id_tokens.
    let key: ToolKey

    /// Where its key set is.
    var jwksURL: String { issuer + "/mod/lti/certs.php" }
    /// Its `host:port`, for a tool's private endpoint allowlist.
    var host: String { URLComponents(string: issuer).map { "\($0.host ?? "127.0.0.1"):\($0.port ?? 80)" } ?? "127.0.0.1" }

    /// Runs a platform with a fresh key on loopback for the duration of `body`.
    static func withRunning<R: Sendable>(logger: Logger, _ body: @escaping @Sendable (LaunchPlatform) async throws -> R) async throws -> R {
        let key = try EphemeralToolKey.make()
        let jwks = try ToolKeySet(current: key).jwksJSON()
        let router = Router()
        router.get("mod/lti/certs.php") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: jwks)))
        }
        return try await LoopbackServer.withRunning(router, logger: logger) { issuer in
            try await body(LaunchPlatform(issuer: issuer, key: key))
        }
    }
}
