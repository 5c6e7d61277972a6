/// The protocol parameters of an `Authorization: OAuth …` header (RFC 5849 §3.5.1).
///
/// Parsing is bounded (``maximumLength`` bytes, ``maximumParameters`` pairs) and strict: every
/// pair is `name="percent-encoded value"`, names appear once. Pairs whose name does not start with
/// `oauth_` (such as `realm`) are read but neither signed nor returned.
struct OAuthAuthorizationHeader {
    /// The longest header accepted, in UTF-8 bytes.
    static let maximumLength = 4096
    /// The most `name="value"` pairs accepted.
    static let maximumParameters = 32

    /// The decoded `oauth_*` parameters, by name.
    private(set) var parameters: [String: String] = [:]

    /// Parses the header value.
    ///
    /// - Throws: ``LTIError`` `invalidRequest` when the header is too large, is not an OAuth
    ///   header, or is malformed. The message never repeats the header's values.
    init(parsing header: String) throws {
        guard header.utf8.count <= Self.maximumLength else {
            throw LTIError(.invalidRequest, "The Authorization header is too large.", field: "Authorization")
        }
        guard header.prefix(6).lowercased() == "oauth " else {
            throw LTIError(.invalidRequest, "The Authorization header is not an OAuth header.", field: "Authorization")
        }
        var rest = header.dropFirst(6)
        var count = 0
        while true {
            rest = rest.drop(while: Self.isWhitespace)
            if rest.isEmpty { break }
            let (name, value) = try Self.pair(from: &rest)
            count += 1
            guard count <= Self.maximumParameters else {
                throw LTIError(.invalidRequest, "The Authorization header has too many parameters.", field: "Authorization")
            }
            guard name.hasPrefix("oauth_") else { continue }
            guard parameters.updateValue(value, forKey: name) == nil else {
                throw LTIError(.invalidRequest, "The Authorization header repeats \(name).", field: "Authorization")
            }
        }
        guard count > 0 else {
            throw LTIError(.invalidRequest, "The Authorization header has no parameters.", field: "Authorization")
        }
    }

    /// The named parameter, decoded.
    subscript(name: String) -> String? { parameters[name] }

    /// The parameters that are signed: every `oauth_*` parameter except `oauth_signature`.
    var signedParameters: [(name: String, value: String)] {
        parameters.filter { $0.key != "oauth_signature" }.map { (name: $0.key, value: $0.value) }
    }

    /// Renders `OAuth name="value", …` with every name and value percent-encoded.
    static func render(_ parameters: [(name: String, value: String)]) -> String {
        "OAuth "
            + parameters.map { "\(OAuthPercentEncoding.encode($0.name))=\"\(OAuthPercentEncoding.encode($0.value))\"" }
            .joined(separator: ", ")
    }

    /// Reads one `name="value"` pair and the comma after it, if any.
    private static func pair(from rest: inout Substring) throws -> (name: String, value: String) {
        let malformed = LTIError(.invalidRequest, "The Authorization header is malformed.", field: "Authorization")
        guard let equals = rest.firstIndex(of: "=") else { throw malformed }
        let rawName = rest[..<equals]
        rest = rest[rest.index(after: equals)...]
        guard !rawName.isEmpty, !rawName.contains(where: { isWhitespace($0) || $0 == "," || $0 == "\"" }), rest.first == "\"" else {
            throw malformed
        }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: "\"") else { throw malformed }
        let rawValue = rest[..<close]
        rest = rest[rest.index(after: close)...].drop(while: isWhitespace)
        if let next = rest.first {
            guard next == "," else { throw malformed }
            rest = rest.dropFirst()
        }
        guard let name = OAuthPercentEncoding.decode(rawName), let value = OAuthPercentEncoding.decode(rawValue) else { throw malformed }
        return (name, value)
    }

    private static func isWhitespace(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\r\n" || character == "\r" || character == "\n"
    }
}
