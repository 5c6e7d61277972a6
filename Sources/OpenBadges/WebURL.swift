import Foundation

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
