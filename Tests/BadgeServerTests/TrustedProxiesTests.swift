import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import BadgeServer

/// `http.trusted_proxies`: which `X-Forwarded-For` entry is the client, and only behind a
/// trusted peer; the claim rate limit counts clients behind a proxy, not the proxy.
@Suite("Trusted proxies")
struct TrustedProxiesTests {
    static let proxies = try! TrustedProxies(["10.0.0.0/8", "192.0.2.1", "2001:db8::/32"])  // valid entries: the parse cannot fail

    @Test func onlyATrustedPeerHasItsHeaderRead() {
        #expect(Self.proxies.clientAddress(peer: "203.0.113.9", forwardedFor: ["198.51.100.7"]) == "203.0.113.9")
        #expect(Self.proxies.clientAddress(peer: "10.1.2.3", forwardedFor: []) == "10.1.2.3")
        #expect(Self.proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["198.51.100.7"]) == "198.51.100.7")
        #expect(Self.proxies.clientAddress(peer: "192.0.2.1", forwardedFor: ["198.51.100.7"]) == "198.51.100.7")
        #expect(Self.proxies.clientAddress(peer: "192.0.2.2", forwardedFor: ["198.51.100.7"]) == "192.0.2.2")
        let none = try? TrustedProxies([])
        #expect(none?.clientAddress(peer: "10.1.2.3", forwardedFor: ["198.51.100.7"]) == "10.1.2.3")
    }

    @Test func theRightMostUntrustedAddressIsTheClient() {
        // The client made up the first entry; the proxies appended the rest.
        let chain = ["1.1.1.1, 198.51.100.7", "10.0.0.5"]
        #expect(Self.proxies.clientAddress(peer: "10.0.0.1", forwardedFor: chain) == "198.51.100.7")
        #expect(Self.proxies.clientAddress(peer: "10.0.0.1", forwardedFor: ["198.51.100.7:51234, 10.9.9.9"]) == "198.51.100.7")
        #expect(Self.proxies.clientAddress(peer: "2001:db8::2", forwardedFor: ["[2001:DB8:FFFF::1]:443, 2001:db8::1"]) == "2001:db8:ffff::1")
        #expect(Self.proxies.clientAddress(peer: "::ffff:10.0.0.1", forwardedFor: ["198.51.100.7"]) == "198.51.100.7")
        // Every entry a proxy: the left-most of them.
        #expect(Self.proxies.clientAddress(peer: "10.0.0.1", forwardedFor: ["10.0.0.7, 10.0.0.8"]) == "10.0.0.7")
        // Garbage where the client should be: no further than the proxies vouch.
        #expect(Self.proxies.clientAddress(peer: "10.0.0.1", forwardedFor: ["evil, 10.0.0.8"]) == "10.0.0.8")
        #expect(Self.proxies.clientAddress(peer: "10.0.0.1", forwardedFor: ["unknown"]) == "10.0.0.1")
        #expect(Self.proxies.clientAddress(peer: "10.0.0.1", forwardedFor: [""]) == "10.0.0.1")
    }

    @Test func theHeaderIsReadOnlyFromItsEnd() {
        // A client cannot hide the proxies' entries behind a long header of its own.
        let padding = Array(repeating: "203.0.113.1", count: 2_000).joined(separator: ", ")
        #expect(padding.utf8.count > TrustedProxies.maximumHeaderBytes)
        #expect(Self.proxies.clientAddress(peer: "10.0.0.1", forwardedFor: [padding + ", 198.51.100.7, 10.0.0.9"]) == "198.51.100.7")
        // Nor make badged walk past its bound of hops: beyond them the left-most proxy read stands.
        let proxies = Array(repeating: "10.0.0.2", count: TrustedProxies.maximumHops + 3).joined(separator: ",")
        #expect(Self.proxies.clientAddress(peer: "10.0.0.1", forwardedFor: ["198.51.100.7," + proxies]) == "10.0.0.2")
        // A cut through an entry drops that entry.
        let long = String(repeating: "9", count: TrustedProxies.maximumHeaderBytes * 2)
        #expect(Self.proxies.clientAddress(peer: "10.0.0.1", forwardedFor: [long]) == "10.0.0.1")
    }

    @Test func rangesMatchByPrefix() throws {
        let everyone = try TrustedProxies(["0.0.0.0/0"])
        #expect(everyone.trusts("198.51.100.7") && !everyone.trusts("2001:db8::1"))
        #expect(TrustedProxies.address(inEntry: " [::1]:80 ") == "::1")
        #expect(TrustedProxies.address(inEntry: "x:y:z") == nil)
        let narrow = try TrustedProxies(["172.16.0.0/12", "fd00::/8"])
        #expect(narrow.trusts("172.31.255.255"))
        #expect(!narrow.trusts("172.32.0.0"))
        #expect(narrow.trusts("fd12:3456::1"))
        #expect(!narrow.trusts("fe80::1"))
        #expect(!narrow.trusts("not an address"))
        #expect(try TrustedProxies(["198.51.100.0/31"]).trusts("198.51.100.1"))
        #expect(try !TrustedProxies(["198.51.100.0/31"]).trusts("198.51.100.2"))
    }

    @Test(arguments: [["10.0.0.0/33"], ["10.0.0"], ["example.org"], ["::1/129"], ["10.0.0.0/x"]])
    func invalidEntriesStopTheDaemonNamingTheKey(entries: [String]) {
        let reader = ConfigReader(provider: InMemoryProvider(values: ["http.trusted_proxies": .init(.stringArray(entries), isSecret: false)]))
        let error = #expect(throws: BadgeServerError.self) { try AppConfiguration(reader: reader) }
        #expect(error?.field == "http.trusted_proxies")
    }

    /// A claim without a session (401 unless limited, 429 when limited) from a client behind a proxy.
    static func claim(_ client: any TestClientProtocol, from address: String) async throws -> HTTPResponse.Status {
        var headers: HTTPFields = [:]
        headers[ClientAddressMiddleware.forwardedFor] = "203.0.113.250, \(address)"
        return try await client.send(.post, "/claim", headers: headers).status
    }

    @Test func behindATrustedProxyClaimsAreLimitedPerClient() async throws {
        let settings: [AbsoluteConfigKey: ConfigValue] = [
            "claims.rate_limit.burst": 1, "claims.rate_limit.per_minute": 1,
            "http.trusted_proxies": .init(.stringArray(["127.0.0.1", "::1"]), isSecret: false),
        ]
        try await withTestApp(.sqlite, configuration: settings) { client, _ async throws in
            #expect(try await Self.claim(client, from: "198.51.100.1") == .unauthorized)
            #expect(try await Self.claim(client, from: "198.51.100.2") == .unauthorized)
            #expect(try await Self.claim(client, from: "198.51.100.1") == .tooManyRequests)
            // The left-most entry is the client's own say, and changes nothing.
            var headers: HTTPFields = [:]
            headers[ClientAddressMiddleware.forwardedFor] = "192.0.2.77, 198.51.100.2"
            #expect(try await client.send(.post, "/claim", headers: headers).status == .tooManyRequests)
        }
        // Without trusted proxies the header is ignored: everyone here is the loopback peer.
        try await withTestApp(.sqlite, configuration: ["claims.rate_limit.burst": 1, "claims.rate_limit.per_minute": 1]) { client, _ async throws in
            var headers: HTTPFields = [:]
            headers[ClientAddressMiddleware.forwardedFor] = "198.51.100.1"
            #expect(try await client.send(.post, "/claim", headers: headers).status == .unauthorized)
            headers[ClientAddressMiddleware.forwardedFor] = "198.51.100.2"
            #expect(try await client.send(.post, "/claim", headers: headers).status == .tooManyRequests)
        }
    }
}
