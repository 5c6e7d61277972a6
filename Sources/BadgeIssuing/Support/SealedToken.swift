import Foundation
import OpenBadges
import Primitives

/// A value carried by a token instead of a database row: its JSON sealed (AES-GCM) with the
/// key-encryption key under a context, written as a prefix and unpadded base64url, so it travels
/// in URLs, cookies and forms. Every daemon of a deployment opens what another sealed; nobody can
/// forge or alter one, or pass one sealed for one purpose off as another.
enum SealedToken {
    /// The token of `value`.
    static func make(_ value: some Encodable, prefix: String, context: String, encryption: KeyEncryption) throws -> String {
        prefix + Base64URL.encode(try encryption.sealedBytes(try JSONEncoder().encode(value), context: context))
    }

    /// The value a token carries, or nil when it is not one sealed under `context` with this key
    /// (malformed, longer than `maximumLength`, altered, or sealed elsewhere).
    static func open<Value: Decodable>(
        _ token: String,
        as type: Value.Type,
        prefix: String,
        context: String,
        maximumLength: Int,
        encryption: KeyEncryption
    ) -> Value? {
        open(token, prefix: prefix, context: context, maximumLength: maximumLength, encryption: encryption)
            .flatMap { try? JSONDecoder().decode(Value.self, from: $0) }
    }

    /// The JSON a token carries, unread (for callers that read it without `Codable`), or nil as
    /// ``open(_:as:prefix:context:maximumLength:encryption:)``.
    static func open(_ token: String, prefix: String, context: String, maximumLength: Int, encryption: KeyEncryption) -> Data? {
        guard token.utf8.count <= maximumLength, token.hasPrefix(prefix),
            let combined = Base64URL.decode(token.dropFirst(prefix.count))
        else { return nil }
        return try? encryption.open(sealedBytes: combined, context: context)
    }
}
