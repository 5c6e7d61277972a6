/// The secret of a claim code as people type it: sixteen Crockford base32 symbols (80 random
/// bits, so codes cannot be guessed), shown in groups of four (`K7QM-3XPA-9D2F-WN4T`).
///
/// Typing forgives case, spaces and hyphens, O for 0 and I or L for 1; the canonical form (the
/// sixteen symbols, upper case, no hyphens) is what is hashed.
public enum ClaimCodeSecret {
    /// Symbols in a code.
    public static let length = 16
    private static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The code of 16 values 0…31 (five random bits each), grouped for display.
    public static func make(values: [UInt8]) -> String {
        grouped(String(values.prefix(length).map { alphabet[Int($0 & 0x1f)] }))
    }

    /// A canonical code in groups of four, as it is shown.
    public static func grouped(_ canonical: String) -> String {
        let symbols = Array(canonical)
        return stride(from: 0, to: symbols.count, by: 4).map { String(symbols[$0..<min($0 + 4, symbols.count)]) }.joined(separator: "-")
    }

    /// The canonical form of a typed code, or nil when it cannot be a code (wrong length or a
    /// symbol outside the alphabet).
    public static func canonical(_ typed: String) -> String? {
        guard typed.count <= 64 else { return nil }
        var symbols: [Character] = []
        for character in typed.uppercased() where character != "-" && !character.isWhitespace {
            let read: Character =
                switch character {
                case "O": "0"
                case "I", "L": "1"
                default: character
                }
            guard alphabet.contains(read) else { return nil }
            symbols.append(read)
        }
        return symbols.count == length ? String(symbols) : nil
    }
}
