import Hummingbird

/// The cookies of a request's `Cookie` headers (RFC 6265 §5.4: `name=value` pairs separated by
/// `;`), read without Foundation's string bridging: a launch's sealed state cookie is long, and
/// trimming it through `NSString` was a measurable share of a launch's CPU.
enum RequestCookies {
    /// Every cookie of the request by name; the first of a repeated name wins.
    static func all(in request: Request) -> [String: String] {
        var cookies: [String: String] = [:]
        forEach(in: request) { name, value in
            if cookies[name] == nil { cookies[name] = value }
            return true
        }
        return cookies
    }

    /// The value of the cookie `name`, if the request has one.
    static func value(named name: String, in request: Request) -> String? {
        var found: String?
        forEach(in: request) { candidate, value in
            guard candidate == name else { return true }
            found = value
            return false
        }
        return found
    }

    /// Calls `body` with each pair in order until it returns false.
    private static func forEach(in request: Request, _ body: (String, String) -> Bool) {
        for header in request.headers[values: .cookie] {
            for pair in header.utf8.split(separator: UInt8(ascii: ";")) {
                guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
                let name = trimmed(pair[..<equals])
                let value = trimmed(pair[pair.index(after: equals)...])
                guard let name = String(name), let value = String(value), !name.isEmpty else { continue }
                if !body(name, value) { return }
            }
        }
    }

    /// `bytes` without leading and trailing spaces and tabs.
    private static func trimmed(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else {
            return bytes[bytes.startIndex..<bytes.startIndex]
        }
        return bytes[first...last]
    }
}
