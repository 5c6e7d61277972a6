import AsyncHTTPClient
import Foundation
import LTI
import LTITesting
import Testing

/// The outbound policy: https to public addresses only, unless allowlisted, on every hop.
@Suite("Outbound policy")
struct OutboundPolicyTests {
    private func refused(_ url: String, _ policy: OutboundPolicy = OutboundPolicy()) -> Bool {
        guard let url = URL(string: url) else { return true }
        do {
            try policy.check(url)
            return false
        } catch {
            return error.code == .forbiddenEndpoint
        }
    }

    @Test func privateLoopbackLinkLocalAndMetadataAddressesAreRefused() {
        for url in [
            "https://127.0.0.1/x", "https://2130706433/x", "https://0x7f000001/x", "https://localhost:8443/x", "https://10.1.2.3/",
            "https://172.16.0.1/", "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data/", "https://100.64.0.1/",
            "https://0.0.0.0/", "https://[::1]/", "https://[fd00:ec2::254]/", "https://[fe80::1]/", "https://[::ffff:127.0.0.1]/",
            "https://224.0.0.1/", "http://93.184.216.34/", "ftp://93.184.216.34/", "https://user:pw@93.184.216.34/",
        ] {
            #expect(refused(url), "\(url)")
        }
        #expect(!refused("https://93.184.216.34/.well-known/openid-configuration"))
        #expect(!refused("https://[2606:2800:220:1:248:1893:25c8:1946]/"))
    }

    @Test func anAllowlistedHostOrPortMayBeReachedAndNothingElse() {
        let policy = OutboundPolicy(allowlist: ["127.0.0.1:9001", "localhost"])
        #expect(!refused("http://127.0.0.1:9001/config", policy))
        #expect(refused("http://127.0.0.1:9002/config", policy))
        #expect(!refused("http://localhost:1234/x", policy))
        #expect(refused("https://10.0.0.1/", policy))
    }

    @Test func aRedirectToARefusedAddressIsNotFollowed() async throws {
        try await TestPlatform.withRunning(.moodle) { platform in
            // The platform is allowed on its own port only; it redirects to another loopback port.
            let port = try #require(URLComponents(string: platform.baseURL)?.port)
            let policy = OutboundPolicy(allowlist: ["127.0.0.1:\(port)"])
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
            let fetcher = HTTPJWKSFetcher(client: client, policy: policy)
            let target = "http://2130706433:\(port == 9 ? 10 : 9)/jwks"
            let redirect = try #require(URL(string: platform.baseURL + "/redirect?to=" + target))
            let error = await #expect(throws: LTIError.self) { _ = try await fetcher.fetchJWKS(from: redirect) }
            #expect(error?.code == .forbiddenEndpoint || error?.code == .keySetUnavailable)
            // The same redirect to the allowed port is followed.
            let allowed = try #require(URL(string: platform.baseURL + "/redirect?to=" + platform.baseURL + "/jwks"))
            let followed = await #expect(throws: Never.self) { _ = try await fetcher.fetchJWKS(from: allowed) }
            _ = followed
            try await client.shutdown()
        }
    }
}
