import BadgeCore
import Foundation
import LTI

/// The OAuth nonce guard over the database's single-use values (nonces stored as digests).
struct ReplayGuardNonces: OAuthNonceGuard {
    let replay: any ReplayGuard
    let clock: any TimeSource

    func firstUse(consumerKey: String, nonce: String, expiresAt: Date) async throws -> Bool {
        try await replay.firstUse(
            scope: "oauth-nonce",
            value: Digest.sha256Hex(consumerKey + "\n" + nonce),
            expiresAt: expiresAt,
            now: clock.now()
        )
    }
}
