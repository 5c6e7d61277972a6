public import Foundation

/// The short number of an assertion that a person can type from paper, such as `UH-7K3M-Q9PX`:
/// the institution's prefix and eight Crockford base32 symbols, grouped four and four, the last of
/// which is a check symbol (see ``CredentialNumber/checkSymbol(for:)``).
///
/// Seven random symbols carry 35 bits, so numbers are not guessable in sequence; the store makes
/// them unique. Parsing forgives what typing from paper gets wrong: case, spaces, missing or
/// extra hyphens, and O for 0, I or L for 1.
public struct CredentialNumber: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The institution's prefix: 2 to 4 upper-case ASCII letters.
    public let prefix: String
    /// The eight code symbols, check symbol last, upper case, without hyphens.
    public let code: String

    /// The number of random symbols before the check symbol.
    public static let randomSymbolCount = 7
    /// The longest prefix.
    public static let maximumPrefixLength = 4

    /// The canonical form, such as `UH-7K3M-Q9PX`: what is printed, stored and looked up.
    public var description: String { "\(prefix)-\(code.prefix(4))-\(code.suffix(4))" }

    /// Parses a typed number.
    /// - Returns: nil unless the text is a prefix of 2 to 4 letters and eight base32 symbols whose
    ///   check symbol matches.
    public init?(parsing text: String) {
        let kept = text.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" && $0 != "." }
        guard kept.allSatisfy(\.isASCII), kept.count > 8 else { return nil }
        let codeText = kept.suffix(8)
        // Letters only in the prefix, so a zero typed for an O can only have meant the letter.
        let prefix = String(kept.dropLast(8).map { $0 == "0" ? "O" : $0 })
        guard Self.isValidPrefix(prefix) else { return nil }
        var values: [UInt8] = []
        for symbol in codeText {
            guard let value = Self.value(of: symbol) else { return nil }
            values.append(value)
        }
        guard Self.isChecked(values) else { return nil }
        self.prefix = prefix
        self.code = String(values.map { Self.alphabet[Int($0)] })
    }

    /// A new random number of an institution.
    /// - Parameters:
    ///   - prefix: the institution's prefix (``prefix(for:)``); an invalid one is replaced by `BD`.
    ///   - random: where the 35 random bits come from.
    public init(prefix: String, random: any RandomSource) {
        let bytes = random.bytes(5)
        var bits = bytes.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        var values: [UInt8] = []
        for _ in 0..<Self.randomSymbolCount {
            values.append(UInt8(bits & 31))
            bits >>= 5
        }
        values.append(Self.checkSymbol(for: values))
        self.prefix = Self.isValidPrefix(prefix) ? prefix : "BD"
        self.code = String(values.map { Self.alphabet[Int($0)] })
    }

    /// Whether `prefix` is 2 to 4 upper-case ASCII letters.
    public static func isValidPrefix(_ prefix: String) -> Bool {
        (2...maximumPrefixLength).contains(prefix.count) && prefix.allSatisfy { $0.isASCII && $0.isUppercase && $0.isLetter }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = CredentialNumber(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a credential number"))
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
