import Foundation

/// Bakes an assertion into an SVG and reads it back, as
/// `<openbadges:assertion verify="…">` in the `http://openbadges.org` namespace, placed first
/// inside the root `<svg>` element.
///
/// Hosted badges: `verify` is the assertion URL and the assertion JSON is in a CDATA section.
/// Signed badges: `verify` is the JWS and the element is empty. The SVG is handled as text
/// (no XML parser, so no entity expansion or network access).
public struct SVGBaker: Sendable {
    /// The namespace of the baked element.
    public static let namespace = "http://openbadges.org"

    /// A baked assertion.
    public struct Baked: Hashable, Sendable {
        /// The `verify` attribute: the assertion URL (hosted) or the JWS (signed).
        public var verify: String
        /// The assertion JSON of a hosted badge.
        public var json: String?

        /// Creates a baked assertion.
        public init(verify: String, json: String? = nil) {
            self.verify = verify
            self.json = json
        }
    }

    /// The largest image accepted.
    public let maximumImageBytes: Int

    /// Creates a baker with a size bound.
    public init(maximumImageBytes: Int = 2 << 20) {
        self.maximumImageBytes = maximumImageBytes
    }

    /// Returns `svg` with `baked` in it, replacing an earlier baked assertion.
    /// - Throws: ``OpenBadgesError`` `.tooLarge`, or `.invalidImage` if there is no `<svg>` root.
    public func bake(_ svg: String, _ baked: Baked) throws(OpenBadgesError) -> String {
        var text = try removingBaked(from: svg)
        guard let open = text.range(of: "<svg"), let close = text[open.upperBound...].firstIndex(of: ">") else {
            throw OpenBadgesError(.invalidImage, "not an SVG image")
        }
        var tag = String(text[open.lowerBound..<close])
        let selfClosing = tag.hasSuffix("/")
        if selfClosing { tag.removeLast() }
        if !tag.contains("xmlns:openbadges=") { tag += #" xmlns:openbadges="\#(Self.namespace)""# }
        var element = #"<openbadges:assertion verify="\#(Self.escapeAttribute(baked.verify))""#
        if let json = baked.json {
            element += "><![CDATA[" + json.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>") + "]]></openbadges:assertion>"
        } else {
            element += "/>"
        }
        let rest = text[text.index(after: close)...]
        text = String(text[..<open.lowerBound]) + tag + ">" + element + (selfClosing ? "</svg>" : "") + rest
        return text
    }

    /// The baked assertion, or nil if the SVG has none.
    /// - Throws: ``OpenBadgesError`` `.tooLarge`, or `.invalidImage` for a malformed element.
    public func extract(from svg: String) throws(OpenBadgesError) -> Baked? {
        guard svg.utf8.count <= maximumImageBytes else { throw OpenBadgesError(.tooLarge, "the image is too large") }
        guard let start = svg.range(of: "<openbadges:assertion") else { return nil }
        guard let tagEnd = svg[start.upperBound...].firstIndex(of: ">") else {
            throw OpenBadgesError(.invalidImage, "unterminated openbadges:assertion")
        }
        let attributes = svg[start.upperBound..<tagEnd]
        guard let verifyStart = attributes.range(of: #"verify=""#), let verifyEnd = attributes[verifyStart.upperBound...].firstIndex(of: "\"") else {
            throw OpenBadgesError(.invalidImage, "openbadges:assertion has no verify attribute")
        }
        let verify = Self.unescapeAttribute(String(attributes[verifyStart.upperBound..<verifyEnd]))
        if attributes.hasSuffix("/") { return Baked(verify: verify) }
        guard let end = svg[tagEnd...].range(of: "</openbadges:assertion>") else {
            throw OpenBadgesError(.invalidImage, "unterminated openbadges:assertion")
        }
        let body = svg[svg.index(after: tagEnd)..<end.lowerBound]
        var json = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if json.hasPrefix("<![CDATA["), json.hasSuffix("]]>") {
            json = String(json.dropFirst(9).dropLast(3)).replacingOccurrences(of: "]]]]><![CDATA[>", with: "]]>")
        }
        return Baked(verify: verify, json: json.isEmpty ? nil : json)
    }

    private func removingBaked(from svg: String) throws(OpenBadgesError) -> String {
        guard svg.utf8.count <= maximumImageBytes else { throw OpenBadgesError(.tooLarge, "the image is too large") }
        guard let start = svg.range(of: "<openbadges:assertion"),
            let tagEnd = svg[start.upperBound...].firstIndex(of: ">")
        else { return svg }
        if svg[..<tagEnd].hasSuffix("/") { return String(svg[..<start.lowerBound] + svg[svg.index(after: tagEnd)...]) }
        guard let end = svg[tagEnd...].range(of: "</openbadges:assertion>") else {
            throw OpenBadgesError(.invalidImage, "unterminated openbadges:assertion")
        }
        return String(svg[..<start.lowerBound] + svg[end.upperBound...])
    }

    static func escapeAttribute(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func unescapeAttribute(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&amp;", with: "&")
    }
}
