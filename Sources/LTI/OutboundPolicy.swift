public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which URLs badged's outbound requests may reach: https to public addresses, on every hop of
/// a redirect. Loopback, private, link-local, shared, multicast, reserved and cloud-metadata
/// addresses are refused, as is plain http, unless the host (or `host:port`) is allowlisted
/// (`network.private_endpoint_allowlist`, for development and for test platforms on the same
/// machine). The check resolves the host itself; the HTTP client must not follow redirects on
/// its own (``HTTPExchange`` follows them, checking each one).
public struct OutboundPolicy: Sendable, Hashable {
    /// The most redirects one request follows.
    public static let maximumRedirects = 5

    /// Allowlisted `host` and `host:port` entries, lower-cased.
    public let allowlist: Set<String>

    /// Creates a policy.
    /// - Parameter allowlist: `host` or `host:port` entries that may be reached on private
    ///   addresses and over plain http.
    public init(allowlist: [String] = []) {
        self.allowlist = Set(allowlist.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
    }

    /// The loopback host names and addresses that plain http is accepted for in registrations
    /// (tests and a local LMS): one list for every check that makes that exception.
    public static func isLoopbackName(_ host: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
    }

    /// Where a response sends the request next: the `Location` of a redirect status, resolved
    /// against the URL that answered; nil for any other answer.
    public static func redirectTarget(status: Int, location: String?, from url: URL) -> URL? {
        guard [301, 302, 303, 307, 308].contains(status), let location else { return nil }
        return URL(string: location, relativeTo: url)?.absoluteURL
    }

    /// Throws unless `url` may be fetched.
    /// - Throws: ``LTIError`` `.forbiddenEndpoint` naming the reason (never what the address answered).
    public func check(_ url: URL) throws(LTIError) {
        guard let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.user == nil,
            var host = url.host(percentEncoded: false)?.lowercased(), !host.isEmpty
        else { throw LTIError(.forbiddenEndpoint, "Outbound requests go to http(s) URLs with a host and no credentials.") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        if allowlist.contains(host) || allowlist.contains("\(host):\(port)") || allowlist.contains("[\(host)]:\(port)") { return }
        guard scheme == "https" else { throw LTIError(.forbiddenEndpoint, "Outbound requests use https.") }
        let addresses = Self.resolve(host)
        guard !addresses.isEmpty else { throw LTIError(.forbiddenEndpoint, "The host of an outbound request does not resolve.") }
        guard addresses.allSatisfy(Self.isPublic) else {
            throw LTIError(.forbiddenEndpoint, "Outbound requests do not go to loopback, private, link-local or metadata addresses.")
        }
    }

    /// The addresses `host` resolves to, as 4 or 16 bytes each.
    static func resolve(_ host: String) -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [[UInt8]] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let raw = entry.pointee.ai_addr {
                switch Int32(raw.pointee.sa_family) {
                case AF_INET:
                    raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                        addresses.append(withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) })
                    }
                case AF_INET6:
                    raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                        addresses.append(withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) })
                    }
                default: break
                }
            }
            cursor = entry.pointee.ai_next
        }
        return addresses
    }

    /// Whether an address (4 or 16 bytes) is a public unicast address.
    static func isPublic(_ address: [UInt8]) -> Bool {
        if address.count == 4 { return isPublicV4(address) }
        guard address.count == 16 else { return false }
        if address[0..<10].allSatisfy({ $0 == 0 }), address[10] == 0xFF, address[11] == 0xFF { return isPublicV4(Array(address[12...])) }
        if address[0..<12].allSatisfy({ $0 == 0 }) { return false }  // ::, ::1 and the deprecated IPv4-compatible form
        if address[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] { return isPublicV4(Array(address[12...])) }  // NAT64
        if address[0] & 0xFE == 0xFC { return false }  // unique local fc00::/7 (AWS metadata fd00:ec2::254 among them)
        if address[0] == 0xFE, address[1] & 0xC0 == 0x80 { return false }  // link-local fe80::/10
        if address[0] == 0xFF { return false }  // multicast
        if address[0] == 0x20, address[1] == 0x01, address[2] == 0x0D, address[3] == 0xB8 { return false }  // documentation
        return true
    }

    private static func isPublicV4(_ a: [UInt8]) -> Bool {
        switch (a[0], a[1]) {
        case (0, _), (10, _), (127, _): false
        case (100, let b) where b & 0xC0 == 64: false  // shared address space 100.64.0.0/10
        case (169, 254): false  // link-local, cloud metadata 169.254.169.254
        case (172, let b) where b & 0xF0 == 16: false
        case (192, 168): false
        case (192, 0) where a[2] == 0 || a[2] == 2: false  // IETF protocol assignments, TEST-NET-1
        case (198, let b) where b == 18 || b == 19: false  // benchmarking
        case (198, 51) where a[2] == 100, (203, 0) where a[2] == 113: false  // TEST-NET-2, -3
        case (let first, _) where first >= 224: false  // multicast, reserved, broadcast
        default: true
        }
    }
}
