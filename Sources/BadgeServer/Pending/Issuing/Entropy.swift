import Crypto
import Foundation

/// The small crypto helpers the server uses in several places: random bytes from the system
/// source, and hex SHA-256 digests.
enum Entropy {
    /// `count` bytes from the system's cryptographic random source.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// Lower-case hex of the bytes.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// Lower-case hex SHA-256 of the data.
    static func sha256Hex(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number (for benchmark figures).
    var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
