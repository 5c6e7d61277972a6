/// Cryptographically secure random bytes from the system's generator, drawn eight at a time.
///
/// `UInt8.random(using:)` reads the system generator once per byte (a `getrandom` system call
/// each on Linux): 48 calls for a login's state and nonce. One 64-bit draw fills eight bytes.
public enum SecureRandomBytes {
    /// `count` random bytes.
    public static func make(count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8]()
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let word: UInt64 = generator.next()
            for shift in stride(from: 0, to: min(8, count - bytes.count) * 8, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return bytes
    }
}
