import Foundation
import NIOCore

/// The reverse proxies (`http.trusted_proxies`: addresses and CIDR ranges) whose
/// `X-Forwarded-For` badged believes, and how a request's client address follows from it.
///
/// Only a request whose socket peer is trusted has its header read, and then from the right:
/// each trusted proxy appends the address it received the request from, so the right-most
/// address that is not a trusted proxy is the client as far as the chain can vouch. Anything to
/// its left was written by the client and may be made up. The header is bounded: only its last
/// ``maximumHeaderBytes`` bytes and last ``maximumHops`` entries are read, and an entry that is not
/// an address where the client should be gives the peer's address instead.
struct TrustedProxies: Sendable {
    /// An address range: the address's bytes (4 for IPv4, 16 for IPv6) and its prefix length.
    struct Range: Hashable, Sendable {
        let bytes: [UInt8]
        let prefixLength: Int

        /// Whether an address (4 or 16 bytes) is in the range.
        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var remaining = prefixLength
            for (wanted, given) in zip(bytes, address) where remaining > 0 {
                let bits = min(remaining, 8)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if wanted & mask != given & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    /// The most of the header read, from its end.
    static let maximumHeaderBytes = 2_048
    /// The most entries read, from the right.
    static let maximumHops = 16

    /// The trusted ranges.
    let ranges: [Range]

    /// Whether any proxy is trusted (with none, the header is never read).
    var isEmpty: Bool { ranges.isEmpty }

    /// Reads the configured entries: `203.0.113.7`, `10.0.0.0/8`, `2001:db8::/32`, `::1`.
    /// - Throws: ``BadgeServerError`` `.configuration` naming `http.trusted_proxies` and the entry.
    init(_ entries: [String]) throws(BadgeServerError) {
        guard entries.count <= 100 else { throw .configuration("http.trusted_proxies", "must list at most 100 addresses or ranges") }
        var ranges: [Range] = []
        for entry in entries {
            let parts = entry.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1).map(String.init)
            guard let address = parts.first.flatMap(Self.bytes(of:)) else {
                throw .configuration("http.trusted_proxies", "\(entry) is not an IP address or CIDR range such as 10.0.0.0/8")
            }
            let bits = address.count * 8
            let prefix = parts.count == 2 ? Int(parts[1]) : bits
            guard let prefix, (0...bits).contains(prefix) else {
                throw .configuration("http.trusted_proxies", "\(entry) has a prefix length outside 0 to \(bits)")
            }
            ranges.append(Range(bytes: address, prefixLength: prefix))
        }
        self.ranges = ranges
    }

    /// Whether an address (in text) is a trusted proxy's.
    func trusts(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The client address of a request.
    /// - Parameters:
    ///   - peer: the socket peer's address.
    ///   - forwardedFor: the request's `X-Forwarded-For` values, in order.
    /// - Returns: the peer, unless it is trusted and the header names someone behind it.
    func clientAddress(peer: String, forwardedFor: [String]) -> String {
        guard !ranges.isEmpty, !forwardedFor.isEmpty, trusts(peer) else { return peer }
        var text = forwardedFor.joined(separator: ",")
        if text.utf8.count > Self.maximumHeaderBytes {
            // Keep the end; the entry the cut falls in goes with everything left of it.
            let tail = String(decoding: text.utf8.suffix(Self.maximumHeaderBytes), as: UTF8.self)
            text = tail.firstIndex(of: ",").map { String(tail[tail.index(after: $0)...]) } ?? ""
        }
        let hops = text.split(separator: ",", omittingEmptySubsequences: false).suffix(Self.maximumHops)
        var candidate = peer
        for hop in hops.reversed() {
            // Where the client should be stands no address: believe no further than the proxies.
            guard let address = Self.address(inEntry: hop) else { return candidate }
            candidate = address
            if !trusts(address) { return address }
        }
        // Every address read is a trusted proxy's: the left-most of them is the nearest to the client.
        return candidate
    }

    /// The address of one `X-Forwarded-For` entry, in canonical text: `198.51.100.7`,
    /// `198.51.100.7:51234`, `2001:db8::1` or `[2001:db8::1]:443`; nil for anything else.
    static func address(inEntry entry: Substring) -> String? {
        var text = entry.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<end])
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            text = String(text[..<colon])
        }
        guard text.utf8.count <= 45, let address = try? SocketAddress(ipAddress: text, port: 0) else { return nil }
        return address.ipAddress
    }

    /// The bytes of an address: 4 for IPv4 (and IPv4-mapped IPv6), 16 for IPv6; nil if it is none.
    static func bytes(of text: String) -> [UInt8]? {
        guard text.utf8.count <= 45, let address = try? SocketAddress(ipAddress: text, port: 0) else { return nil }
        switch address {
        case .v4(let v4):
            return withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
        case .v6(let v6):
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            let mapped = bytes.prefix(10).allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
            return mapped ? Array(bytes.suffix(4)) : bytes
        case .unixDomainSocket:
            return nil
        }
    }
}
