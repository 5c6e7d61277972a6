public import Foundation

/// What the user hands ``BadgeVerifier``: text (a URL, a compact JWS, or assertion JSON), or the
/// bytes of a file (a baked PNG or SVG, or any of the text forms).
public enum VerificationInput: Sendable {
    /// A hosted assertion URL, a compact JWS, or assertion JSON.
    case text(String)
    /// File contents: a baked PNG or SVG, or UTF-8 text holding a URL, a JWS or JSON.
    case data(Data)
}

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
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
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

    /// Three non-empty base64url parts separated by dots.
    static func isCompactJWS(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3
            && parts.allSatisfy { part in
                !part.isEmpty
                    && part.utf8.allSatisfy { byte in
                        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x5F
                    }
            }
    }
}

/// Reads a ``VerificationInput`` into an ``AssertionPayload``, unbaking images.
struct InputReader: Sendable {
    /// The largest text input or baked payload.
    let maximumTextBytes: Int
    /// The largest image.
    let maximumImageBytes: Int

    /// The payload and a description of where it came from, such as "a baked PNG holding a compact JWS".
    func read(_ input: VerificationInput) throws(OpenBadgesError) -> (payload: AssertionPayload, form: String) {
        switch input {
        case .text(let text):
            let payload = try AssertionPayload.recognize(text, maximumBytes: maximumTextBytes)
            return (payload, payload.form)
        case .data(let data):
            if data.starts(with: PNGBaker.signature) {
                let baker = PNGBaker(maximumImageBytes: maximumImageBytes, maximumPayloadBytes: maximumTextBytes)
                guard let baked = try baker.extract(from: data) else {
                    throw OpenBadgesError(.invalidImage, "the PNG has no openbadges iTXt chunk")
                }
                let payload = try AssertionPayload.recognize(baked, maximumBytes: maximumTextBytes)
                return (payload, "a baked PNG holding \(payload.form)")
            }
            guard data.count <= maximumImageBytes else { throw OpenBadgesError(.tooLarge, "the input is larger than \(maximumImageBytes) bytes") }
            guard let text = String(data: data, encoding: .utf8) else {
                throw OpenBadgesError(.invalidInput, "the file is neither a PNG nor UTF-8 text")
            }
            if text.contains("<svg") {
                guard let baked = try SVGBaker(maximumImageBytes: maximumImageBytes).extract(from: text) else {
                    throw OpenBadgesError(.invalidImage, "the SVG has no openbadges:assertion element")
                }
                // The verify attribute is the assertion URL (hosted) or the JWS (signed); the element's
                // JSON is only a copy of the hosted assertion, which is fetched anyway.
                let source = baked.verify.isEmpty ? (baked.json ?? "") : baked.verify
                let payload = try AssertionPayload.recognize(source, maximumBytes: maximumTextBytes)
                return (payload, "a baked SVG holding \(payload.form)")
            }
            let payload = try AssertionPayload.recognize(text, maximumBytes: maximumTextBytes)
            return (payload, payload.form)
        }
    }
}

/// Absolute http(s) URLs, the only ones the verifier fetches.
enum WebURL {
    /// Parses an absolute http(s) URL with a host, no user info, at most 2,048 characters.
    /// - Throws: ``OpenBadgesError`` `.invalidInput` for anything else.
    static func parse(_ text: String) throws(OpenBadgesError) -> URL {
        guard text.utf8.count <= 2048, let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty, components.user == nil, components.password == nil,
            let url = components.url
        else { throw OpenBadgesError(.invalidInput, "only absolute http(s) URLs are fetched, not \(text.prefix(80))") }
        return url
    }

    /// `host` or `host:port` (the port only when the URL names one), lower-cased.
    static func authority(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let host = components.host?.lowercased(), !host.isEmpty else { return nil }
        return components.port.map { "\(host):\($0)" } ?? host
    }
}
