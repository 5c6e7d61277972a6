public import Foundation
import Primitives

/// Makes identifiers for new entities; injected so that tests can make them predictable.
public protocol IDGenerator: Sendable {
    /// A new identifier, unique and ordered by creation time.
    func makeID() -> UUID
}

/// Generates version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, then random bits, so
/// that identifiers sort in creation order and list cursors follow creation order.
public struct UUIDv7Generator: IDGenerator {
    private let milliseconds: @Sendable () -> UInt64
    private let randomBytes: @Sendable () -> [UInt8]

    /// Creates a generator from the system clock and the system random source.
    public init() {
        self.init(
            milliseconds: { UInt64(Date().timeIntervalSince1970 * 1000) },
            randomBytes: { SecureRandomBytes.make(count: 10) }
        )
    }

    /// Creates a generator from injected time and randomness (10 random bytes per call).
    public init(milliseconds: @escaping @Sendable () -> UInt64, randomBytes: @escaping @Sendable () -> [UInt8]) {
        self.milliseconds = milliseconds
        self.randomBytes = randomBytes
    }

    public func makeID() -> UUID {
        let ms = milliseconds()
        let random = randomBytes()
        precondition(random.count >= 10, "UUIDv7Generator needs 10 random bytes per identifier")
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: ms >> (8 * (5 - index))) }
        for index in 6..<16 { bytes[index] = random[index - 6] }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)  // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // RFC 9562 variant
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            )
        )
    }
}
