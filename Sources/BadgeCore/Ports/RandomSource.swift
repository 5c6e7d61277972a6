/// Where random bytes come from (secrets, link tokens, key-encryption keys); injected so that
/// tests can pin them.
public protocol RandomSource: Sendable {
    /// `count` random bytes.
    func bytes(_ count: Int) -> [UInt8]
}

/// The system's cryptographically secure random source.
public struct SystemRandomSource: RandomSource {
    /// Creates the system random source.
    public init() {}

    public func bytes(_ count: Int) -> [UInt8] {
        SecureRandomBytes.make(count: count)
    }
}
