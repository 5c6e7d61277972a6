import Foundation
import Primitives

/// The assertion an input carries, before anything is fetched.
enum AssertionPayload: Sendable {
    /// A hosted assertion URL.
    case url(URL)
    /// A compact JWS.
    case jws(String)
    /// Assertion JSON.
    case json(JSONValue)

    /// A short name for reports (never the content itself).
    var form: String {
        switch self {
        case .url: "an assertion URL"
        case .jws: "a compact JWS"
        case .json: "assertion JSON"
        }
    }

    /// Recognises text: a URL, a JWS (also inside other text), or a JSON object.
    /// - Throws: ``OpenBadgesError`` `.invalidInput` or `.tooLarge`.
    static func recognize(_ text: String, maximumBytes: Int) throws(OpenBadgesError) -> AssertionPayload {
        guard text.utf8.count <= maximumBytes else { throw OpenBadgesError(.tooLarge, "the input is larger than \(maximumBytes) bytes") }
        let trimmed = text.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
        if trimmed.hasPrefix("{") {
            return .json(try JSONValue.decode(Data(trimmed.utf8), maxBytes: maximumBytes))
        }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            return .url(try WebURL.parse(trimmed))
        }
        if let token = trimmed.split(whereSeparator: \.isWhitespace).first(where: isCompactJWS) {
            guard token.utf8.count <= AssertionVerifier.maximumLength else {
                throw OpenBadgesError(.tooLarge, "the JWS is longer than \(AssertionVerifier.maximumLength) bytes")
            }
            return .jws(String(token))
        }
        throw OpenBadgesError(.invalidInput, "the input is not a URL, a compact JWS, assertion JSON, or a baked PNG or SVG")
    }

    /// Three base64url parts separated by dots; the signature may be empty (`alg: none`, which is
    /// then refused by name rather than not recognised).
    static func isCompactJWS(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && !parts[0].isEmpty && !parts[1].isEmpty
            && parts.allSatisfy { part in
                part.utf8.allSatisfy { byte in
                    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x5F
                }
            }
    }
}
