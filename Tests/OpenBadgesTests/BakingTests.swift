import BadgeCore
import Foundation
import OpenBadges
import Primitives
import Testing

@Suite struct BakingTests {
    let png = DefaultBadgeImage.png()

    @Test func defaultPNGIsAWellFormedImage() throws {
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // Parsing checks every chunk's CRC, IHDR first and IEND last.
        #expect(try PNGBaker().extract(from: png) == nil)
        #expect(DefaultBadgeImage.png(size: 1).count < png.count)
    }

    @Test func pngRoundTripsAJWSAndReplacesAnEarlierBake() throws {
        let baker = PNGBaker()
        let first = try baker.bake(png, payload: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln")
        #expect(try baker.extract(from: first) == "eyJhbGciOiJSUzI1NiJ9.e30.c2ln")
        let json = #"{"id":"http://127.0.0.1:8080/public/assertions/x","note":"naïve ✓"}"#
        let second = try baker.bake(first, payload: json)
        #expect(try baker.extract(from: second) == json)
        #expect(second.count - first.count == json.utf8.count - "eyJhbGciOiJSUzI1NiJ9.e30.c2ln".utf8.count)
        // The chunk sits before IEND, which stays last.
        #expect(Array(second.suffix(12)) == Array(png.suffix(12)))
    }

    @Test func pngBakerRejectsNonPNGCorruptAndOversizedInput() throws {
        let baker = PNGBaker(maximumImageBytes: 100_000, maximumPayloadBytes: 1000)
        #expect(throws: OpenBadgesError.self) { try baker.bake(Data("GIF89a".utf8), payload: "x") }
        #expect(throws: OpenBadgesError.self) { try baker.bake(Data(png.prefix(40)), payload: "x") }
        var corrupt = png
        corrupt[20] ^= 0xFF  // inside IHDR: its CRC no longer matches
        #expect(throws: OpenBadgesError.self) { try baker.extract(from: corrupt) }
        #expect(throws: OpenBadgesError.self) { try baker.bake(png, payload: String(repeating: "x", count: 1001)) }
        #expect(throws: OpenBadgesError.self) { try baker.extract(from: Data(count: 100_001)) }
    }

    @Test func svgRoundTripsAHostedAssertionWithItsJSON() throws {
        let baker = SVGBaker()
        let svg = DefaultBadgeImage.svg(name: "Linear <Algebra> & more")
        #expect(svg.contains("Linear &lt;Algebra&gt; &amp; more"))
        let json = #"{"id":"http://127.0.0.1:8080/public/assertions/x","narrative":"a]]>b"}"#
        let baked = try baker.bake(svg, .init(verify: "http://127.0.0.1:8080/public/assertions/x", json: json))
        #expect(baked.contains(#"xmlns:openbadges="http://openbadges.org""#))
        #expect(baked.contains(#"<openbadges:assertion verify="http://127.0.0.1:8080/public/assertions/x"><![CDATA["#))
        #expect(try baker.extract(from: baked) == .init(verify: "http://127.0.0.1:8080/public/assertions/x", json: json))
    }

    @Test func svgRoundTripsASignedAssertionAndReplacesAnEarlierBake() throws {
        let baker = SVGBaker()
        let once = try baker.bake(DefaultBadgeImage.svg(name: "B"), .init(verify: "h.p.s"))
        let twice = try baker.bake(once, .init(verify: "h2.p2.s2"))
        #expect(try baker.extract(from: twice) == .init(verify: "h2.p2.s2"))
        #expect(twice.components(separatedBy: "<openbadges:assertion").count == 2)
        #expect(twice.components(separatedBy: "xmlns:openbadges=").count == 2)
    }

    @Test func svgBakerRejectsNonSVGAndOversizedInput() throws {
        #expect(throws: OpenBadgesError.self) { try SVGBaker().bake("<html></html>", .init(verify: "x")) }
        #expect(throws: OpenBadgesError.self) { try SVGBaker(maximumImageBytes: 10).bake(DefaultBadgeImage.svg(name: "B"), .init(verify: "x")) }
        #expect(try SVGBaker().extract(from: DefaultBadgeImage.svg(name: "B")) == nil)
    }

    @Test func signedBadgeBakedIntoPNGVerifies() async throws {
        let urls = try Fixture.urls()
        let key = try Fixture.signingKey()
        let jws = try AssertionSigner(key: key, documents: OpenBadgesDocuments(urls: urls)).sign(Fixture.assertion(.signed(keyID: key.id)))
        let baked = try PNGBaker().bake(png, payload: jws)
        let extracted = try #require(try PNGBaker().extract(from: baked))
        let verified = try await AssertionVerifier(publicKeys: [key.id: key.publicKeyPEM], urls: urls).verify(extracted)
        #expect(verified.payload["type"] == "Assertion")
    }
}
