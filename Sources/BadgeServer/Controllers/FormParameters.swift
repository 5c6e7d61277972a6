import Hummingbird

/// Reads `application/x-www-form-urlencoded` bodies and query strings into dictionaries.
///
/// The bytes are decoded as the WHATWG URL standard's urlencoded parser does: `&` separates
/// pairs, the first `=` separates name and value, `+` is a space, and a `%` not followed by two
/// hex digits stays as it is. (URLComponents, used before, stopped the process on such a `%`,
/// and took ~1.4 % of a launch's CPU for the id_token's 1.5 KB.)
enum FormParameters {
    static func query(_ request: Request) -> [String: String] {
        decode(request.uri.query ?? "")
    }

    static func body(_ request: Request, context: AppRequestContext) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return decode(String(buffer: buffer))
    }

    /// The fields of `text`; of a repeated name the first value.
    static func decode(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in pairs(in: text) where result[name] == nil {
            result[name] = value
        }
        return result
    }

    /// Every value of a repeated form field (`assertion_id=…&assertion_id=…`), in order.
    static func values(named name: String, in text: String) -> [String] {
        pairs(in: text).filter { $0.name == name }.map(\.value)
    }

    /// The name-value pairs of `text` in order; empty pairs (`&&`) are skipped.
    static func pairs(in text: String) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        let bytes = Array(text.utf8)
        for field in bytes.split(separator: UInt8(ascii: "&")) {
            if let equals = field.firstIndex(of: UInt8(ascii: "=")) {
                pairs.append((percentDecoded(field[..<equals]), percentDecoded(field[field.index(after: equals)...])))
            } else {
                pairs.append((percentDecoded(field), ""))
            }
        }
        return pairs
    }

    private static func percentDecoded(_ bytes: ArraySlice<UInt8>) -> String {
        if !bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                decoded.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), let high = hexValue(bytes, index + 1), let low = hexValue(bytes, index + 2) {
                decoded.append(high << 4 | low)
                index += 3
                continue
            } else {
                decoded.append(byte)
            }
            index += 1
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexValue(_ bytes: ArraySlice<UInt8>, _ index: Int) -> UInt8? {
        guard index < bytes.endIndex else { return nil }
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
