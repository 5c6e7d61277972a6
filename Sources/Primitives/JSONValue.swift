public import Foundation

/// A JSON value: the JSON-LD documents badged builds and reads, and the LTI claims it does not
/// model (custom and vendor claims).
///
/// Documents are built as values and encoded with ``encoded(pretty:)``, which sorts object keys
/// and leaves slashes unescaped, so the same document always encodes to the same bytes.
public enum JSONValue: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A floating-point number; whole values encode without a fraction (`3`, `2.5`).
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object.
    case object([String: JSONValue])

    /// The member `key` of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The number, if this is an integer or a floating-point number.
    public var numberValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// A boolean, also from the strings "true"/"false" (and "1"/"0") that Moodle sends in
    /// deep-linking settings.
    public var lenientBoolValue: Bool? {
        switch self {
        case .bool(let value): value
        case .string("true"), .string("1"): true
        case .string("false"), .string("0"): false
        default: nil
        }
    }

    /// A plain-text rendering: strings as they are, anything else as compact JSON-like text.
    public var textValue: String {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .bool(let value): String(value)
        case .null: "null"
        case .array(let values): "[" + values.map(\.textValue).joined(separator: ",") + "]"
        case .object(let members): "{" + members.keys.sorted().map { "\($0):\(members[$0]?.textValue ?? "")" }.joined(separator: ",") + "}"
        }
    }

    /// The deterministic UTF-8 encoding: sorted keys, unescaped slashes, compact unless `pretty`.
    public func encoded(pretty: Bool = false) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: it holds only JSON types, and non-finite doubles are
        // mapped to null in `encode(to:)`.
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }

    /// The deterministic encoding as a string (see ``encoded(pretty:)``).
    public func encodedString(pretty: Bool = false) -> String {
        String(decoding: encoded(pretty: pretty), as: UTF8.self)
    }
}
