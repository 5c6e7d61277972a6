import BadgeCore
import Foundation
import PropertyBased
import Testing

/// `JSONValue(parsing:)` against `JSONDecoder`, the encoder's own output, and malformed text.
@Suite("JSON value parsing")
struct JSONValueParsingTests {
    static func parse(_ text: String, maximumDepth: Int = 512) -> JSONValue? {
        JSONValue(parsing: Array(text.utf8), maximumDepth: maximumDepth)
    }

    @Test func readsEveryKindOfValue() {
        let text =
            #" { "s": "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00", "i": -42, "z": 0, "d": 2.5e-3, "e": 1E2, "t": true, "f": false,"#
            + #" "n": null, "a": [1, [], {}, "x"], "o": {"k": {"k": [null]}}, "big": 12345678901234567890, "u": "é😀" } "#
        let expected: JSONValue = [
            "s": .string("a\"b\\c/d\u{8}\u{c}\n\r\té😀"), "i": -42, "z": 0, "d": 0.0025, "e": 100.0, "t": true, "f": false, "n": .null,
            "a": [1, [], [:], "x"], "o": ["k": ["k": [.null]]], "big": .double(12345678901234567890), "u": "é😀",
        ]
        #expect(Self.parse(text) == expected)
    }

    @Test func agreesWithJSONDecoderOnAnIDToken() throws {
        let claims =
            #"{"iss":"https://moodle.example.edu","aud":["c1","c2"],"exp":1765100000,"iat":1765099940,"#
            + #""https://purl.imsglobal.org/spec/lti/claim/custom":{"k":"v w","n":3},"name":"Zoë O\u2019Brien","#
            + #""https://purl.imsglobal.org/spec/lti/claim/roles":["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"]}"#
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(claims.utf8))
        #expect(Self.parse(claims) == decoded)
    }

    @Test func rejectsMalformedText() {
        let malformed = [
            "", " ", "{", "}", "[,1]", "{\"a\" 1}", "{a:1}", "{\"a\":1}x", "[1] [2]", "01", "-", "1.", ".5", "1e",
            "+1", "--1", "0x10", "1e400", "NaN", "Infinity", "tru", "nul", "\"abc", "\"a\u{1}b\"", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"",
            "\"\\udc00\"", "\"\\ud800\\u0041\"", "[\"\\u00\"]", "{\"a\":}", "'a'",
        ]
        for text in malformed {
            #expect(Self.parse(text) == nil, "\(text)")
        }
        // Foundation's parser, like JSONDecoder before it, takes one trailing comma.
        #expect(Self.parse("[1,]") == [1])
        // Invalid UTF-8 inside a string, with and without escapes.
        #expect(JSONValue(parsing: [0x22, 0xC3, 0x28, 0x22]) == nil)
        #expect(JSONValue(parsing: [0x22, 0x5C, 0x6E, 0xFF, 0x22]) == nil)
    }

    @Test func limitsNesting() {
        let nested = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        #expect(Self.parse(nested, maximumDepth: 20) != nil)
        #expect(Self.parse(nested, maximumDepth: 19) == nil)
        #expect(Self.parse(String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600)) == nil)
    }

    @Test func theLastOfDuplicateMembersWins() {
        #expect(Self.parse(#"{"a":1,"a":2}"#) == ["a": 2])
    }

    @Test func readsBackWhatTheEncoderWrites() async {
        await propertyCheck(count: 300, input: Generator { rng in RandomJSON.value(depth: 0, using: &rng) }) { value in
            #expect(JSONValue(parsing: value.encoded()) == value, "\(value.encodedString())")
            #expect(JSONValue(parsing: value.encoded(pretty: true)) == value)
        }
    }
}

/// Random JSON values whose encoding reads back as the same value (integral doubles encode as
/// integers, so doubles here always have a fraction).
enum RandomJSON {
    static func value(depth: Int, using rng: inout some RandomNumberGenerator) -> JSONValue {
        switch Int.random(in: 0..<(depth < 4 ? 8 : 6), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        // Integers in the range RFC 8259 §6 calls interoperable (±(2^53 − 1)).
        case 2: return .int(Int.random(in: -(1 << 53 - 1)...(1 << 53 - 1), using: &rng))
        // Doubles of at most 13 significant digits: Foundation's parser may miss the last bit of
        // a 17-digit mantissa.
        case 3: return .double(Double(Int.random(in: -1_000_000_000...1_000_000_000, using: &rng)) / 8 + 1 / 16)
        case 4, 5: return .string(string(using: &rng))
        case 6: return .array((0..<Int.random(in: 0..<4, using: &rng)).map { _ in value(depth: depth + 1, using: &rng) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0..<4, using: &rng) { members[string(using: &rng)] = value(depth: depth + 1, using: &rng) }
            return .object(members)
        }
    }

    static func string(using rng: inout some RandomNumberGenerator) -> String {
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{7f}", "é", "€", "😀", "\u{2028}"]
        return String((0..<Int.random(in: 0..<8, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" })
    }
}
