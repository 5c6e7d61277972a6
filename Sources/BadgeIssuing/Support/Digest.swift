import Crypto
public import Foundation

/// Hex SHA-256 digests, the form in which badged keeps secrets and identities it must match
/// but never reveal (API tokens, link secrets, recipient keys, idempotency keys).
public enum Digest {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Lower-case hex of the bytes. Every grade and launch hashes identities, so this is a
    /// table lookup rather than a format string per byte (which cost more than the hashing).
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
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
