import Primitives

/// Where the LTI module draws random bytes (state, nonce, `jti`); injected so that tests can
/// make redirects and signed assertions byte-stable.
public protocol LTIRandomness: Sendable {
    /// `count` random bytes.
    func randomBytes(count: Int) -> [UInt8]
}

/// Random bytes from the system's cryptographically secure generator.
public struct SystemLTIRandomness: LTIRandomness {
    /// Creates the system random source.
    public init() {}

    public func randomBytes(count: Int) -> [UInt8] {
        SecureRandomBytes.make(count: count)
    }
}

extension LTIRandomness {
    /// A URL-safe token of `byteCount` random bytes (base64url, no padding).
    func makeToken(byteCount: Int = 24) -> String {
        Base64URL.encode(randomBytes(count: byteCount))
    }
}
