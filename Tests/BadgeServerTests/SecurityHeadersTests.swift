import BadgeCore
import BadgeTesting
import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import LTITesting
import NIOCore
import Testing

/// Every answer carries `nosniff`; HTML pages carry a strict Content-Security-Policy whose
/// hashes allow exactly their inline blocks, a referrer policy, and frame ancestors: none for
/// public pages, the LMS for LTI pages.
@Suite("Security headers", .heavyLane)
struct SecurityHeadersTests {
    private static let csp = HTTPField.Name("Content-Security-Policy")!
    private static let nosniff = HTTPField.Name("X-Content-Type-Options")!
    private static let referrer = HTTPField.Name("Referrer-Policy")!

    /// The hash sources of the inline `<tag>` blocks of a page.
    private static func hashes(of tag: String, in html: String) -> [String] {
        html.components(separatedBy: "<\(tag)>").dropFirst().compactMap { $0.components(separatedBy: "</\(tag)>").first }
            .map { "'sha256-" + Data(SHA256.hash(data: Data($0.utf8))).base64EncodedString() + "'" }
    }

    @Test func publicPagesAreFramedByNobodyAndAllowOnlyTheirOwnInlineStyle() async throws {
        try await withTestApp { client, fixture in
            let id = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
            for path in ["/public/assertions/\(id)", "/no/such/page"] {
                let page = try await client.execute(uri: path, method: .get, headers: [.accept: "text/html"])
                let policy = try #require(page.headers[Self.csp])
                #expect(policy.contains("default-src 'none'"))
                #expect(policy.contains("frame-ancestors 'none'"))
                #expect(!policy.contains("unsafe-inline"))
                let styles = Self.hashes(of: "style", in: String(buffer: page.body))
                #expect(!styles.isEmpty)
                for hash in styles { #expect(policy.contains(hash)) }
                #expect(page.headers[Self.nosniff] == "nosniff")
                #expect(page.headers[Self.referrer] == "no-referrer")
            }
            let json = try await client.send(.get, "/public/assertions/\(id)")
            #expect(json.headers[Self.nosniff] == "nosniff")
            #expect(json.headers[Self.csp] == nil)
        }
    }
}
