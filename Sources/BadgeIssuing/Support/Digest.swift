import Crypto
public import Foundation

/// Hex SHA-256 digests, the form in which badged keeps secrets and identities it must match
/// but never reveal (API tokens, link secrets, recipient keys, idempotency keys).
public enum Digest {
    /// Lower-case hex of the bytes.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// Lower-case hex SHA-256 of the data.
    public static func sha256Hex(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lower-case hex SHA-256 of the UTF-8 text.
    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(Data(text.utf8))
    }
}
