import Crypto
import Foundation
import HTTPTypes

/// The Content-Security-Policy of an HTML page badged serves: nothing loads but the page's own
/// images, inline styles and scripts are allowed only by the hash of their exact text, forms post
/// only to badged (and, for a deep-linking answer, to the platform's return URL), and only the
/// LMS of an LTI page may frame it (nobody frames the public pages).
struct ContentSecurityPolicy: Hashable, Sendable {
    /// `'sha256-…'` sources of the inline `<style>` and `<script>` blocks allowed.
    var styleHashes: [String] = []
    var scriptHashes: [String] = []
    /// Origins forms may post to besides badged itself.
    var formTargets: [String] = []
    /// Origins that may frame the page; none by default.
    var frameAncestors: [String] = []

    /// The response header.
    static let header = HTTPField.Name("Content-Security-Policy")!  // a valid header token

    /// The header value.
    var value: String {
        var directives = ["default-src 'none'", "img-src 'self' data:", "base-uri 'none'"]
        directives.append(styleHashes.isEmpty ? "style-src 'none'" : "style-src " + styleHashes.joined(separator: " "))
        if !scriptHashes.isEmpty { directives.append("script-src " + scriptHashes.joined(separator: " ")) }
        directives.append((["form-action 'self'"] + formTargets).joined(separator: " "))
        directives.append("frame-ancestors " + (frameAncestors.isEmpty ? "'none'" : frameAncestors.joined(separator: " ")))
        return directives.joined(separator: "; ")
    }

    /// The hash source of an inline block's exact text.
    static func hashSource(_ text: String) -> String {
        "'sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString() + "'"
    }

    /// The hash sources of every `<tag>…</tag>` block in `html`.
    static func inlineHashes(of tag: String, in html: String) -> [String] {
        var hashes: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<\(tag)>"), let close = rest.range(of: "</\(tag)>", range: open.upperBound..<rest.endIndex) {
            hashes.append(hashSource(String(rest[open.upperBound..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        return hashes
    }

    /// The origin (`scheme://host[:port]`) of a URL, for form targets and frame ancestors.
    static func origin(of url: URL) -> String? {
        guard let scheme = url.scheme, let host = url.host(percentEncoded: false) else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }
}
