public import Foundation

/// The tool's keys: one current signing key plus, during rotation, other keys whose public
/// halves stay published (the next key before it signs, the previous one until tokens signed
/// with it have expired).
public struct ToolKeySet: Sendable {
    /// The key that signs new JWTs.
    public let current: ToolKey
    /// Keys that are published but do not sign.
    public let published: [ToolKey]

    /// Creates a key set.
    /// - Parameters:
    ///   - current: The signing key.
    ///   - published: Other keys to publish (previous or next); duplicates of `current` are dropped.
    public init(current: ToolKey, published: [ToolKey] = []) {
        self.current = current
        self.published = published.filter { $0.kid != current.kid }
    }

    /// The public keys, current first.
    public func publicJWKs() throws -> [PublicJWK] {
        try ([current] + published).map { try $0.publicJWK() }
    }

    /// The JWKS document (`{"keys":[…]}`, sorted keys) served at the tool's JWKS URL.
    public func jwksJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(["keys": try publicJWKs()])
    }
}
