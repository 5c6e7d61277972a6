extension CredentialNumber {
    /// Crockford's base32 alphabet: digits and letters without I, L, O and U.
    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The value of a typed symbol, reading O as 0 and I or L as 1 (as Crockford's decoding does).
    static func value(of symbol: Character) -> UInt8? {
        switch symbol {
        case "O": return 0
        case "I", "L": return 1
        default: return alphabet.firstIndex(of: symbol).map { UInt8($0) }
        }
    }

    // The check works in the field GF(32) (polynomial x⁵ + x² + 1, in which x = α is primitive):
    // the symbols s₀…s₇, check last, satisfy Σ sᵢ·αⁱ = 0. A single wrong symbol adds e·αⁱ ≠ 0; a swap
    // of neighbours adds (a + b)·αⁱ·(1 + α) ≠ 0 when a ≠ b. So every single mistyped symbol and
    // every swap of adjacent symbols (the check symbol included) is caught, which Luhn mod 32 does
    // not quite do (it misses swapping 0 and V).

    /// The check symbol's value for seven symbol values.
    static func checkSymbol(for values: [UInt8]) -> UInt8 {
        // s₇·α⁷ = Σ sᵢ·αⁱ (addition is XOR), so s₇ = (Σ sᵢ·αⁱ)·α²⁴ since α³¹ = 1.
        multiply(weightedSum(values), power(24))
    }

    /// Whether eight symbol values satisfy the check.
    static func isChecked(_ values: [UInt8]) -> Bool {
        values.count == 8 && weightedSum(values) == 0
    }

    private static func weightedSum(_ values: [UInt8]) -> UInt8 {
        values.enumerated().reduce(0) { $0 ^ multiply($1.element, power($1.offset)) }
    }

    /// αⁿ.
    private static func power(_ exponent: Int) -> UInt8 {
        (0..<(exponent % 31)).reduce(1) { value, _ in multiply(value, 2) }
    }

    /// The product in GF(32) modulo x⁵ + x² + 1.
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var a = a
        var b = b
        var product: UInt8 = 0
        while b != 0 {
            if b & 1 != 0 { product ^= a }
            b >>= 1
            a <<= 1
            if a & 0b10_0000 != 0 { a ^= 0b10_0101 }
        }
        return product
    }
}
