public import Foundation

extension Platform {
    /// Whether a deep-linking return URL may receive the tool's signed response (which the
    /// browser auto-posts there): an https URL (plain http only on a loopback host, for tests and
    /// a local LMS) without credentials, on a host of the registration — its issuer, login,
    /// token or key-set host; for hosted Canvas also any `*.instructure.com` instance. Anything
    /// else, a `javascript:` URL above all, would run or post in the tool's origin.
    public func acceptsReturnURL(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased(), let host = url.host()?.lowercased(), !host.isEmpty, url.user == nil else {
            return false
        }
        guard scheme == "https" || (scheme == "http" && OutboundPolicy.isLoopbackName(host)) else { return false }
        let registered = [URL(string: issuer)?.host(), authURL.host(), tokenURL.host(), jwksURL.host()].compactMap { $0?.lowercased() }
        if registered.contains(host) { return true }
        return preset == .canvas && (host == "instructure.com" || host.hasSuffix(".instructure.com"))
    }
}
