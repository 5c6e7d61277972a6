public import BadgeCore
public import Foundation
import Primitives

/// Makes and digests API key tokens.
///
/// A token is `bdg_` followed by 32 random bytes in base64url; only its SHA-256 digest (hex) is
/// stored, so a stolen database reveals no usable key. The prefix lets secret scanners spot it.
public struct APITokens: Sendable {
    private let ids: any IDGenerator
    private let clock: any TimeSource
    private let random: any RandomSource

    /// Creates a token maker with injected identifiers, time and randomness.
    public init(ids: any IDGenerator, clock: any TimeSource, random: any RandomSource) {
        self.ids = ids
        self.clock = clock
        self.random = random
    }

    /// A new key and its token; the token is shown once and never stored.
    public func makeKey(institutionID: UUID?, role: Role, label: String) throws(BadgeCoreError) -> (key: APIKey, token: String) {
        if role == .operator, institutionID != nil {
            throw .invalid("role", "operator keys are not scoped to an institution")
        }
        if role != .operator, institutionID == nil {
            throw .invalid("institution", "a \(role.rawValue) key needs an institution")
        }
        let token = "bdg_" + Base64URL.encode(random.bytes(32))
        let key = APIKey(
            id: ids.makeID(),
            institutionID: institutionID,
            role: role,
            label: label,
            tokenHash: Self.digest(token),
            createdAt: clock.now()
        )
        return (key, token)
    }

    /// The hex SHA-256 digest under which a token is stored.
    public static func digest(_ token: String) -> String {
        Digest.sha256Hex(token)
    }
}
