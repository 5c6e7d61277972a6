import BadgeCore
import Foundation
import OpenBadges
import Primitives
import Testing

/// Baked images, third-party issuers, origins and input hardening.
@Suite struct BadgeVerifierInputTests {
    let world: VerifierWorld

    init() throws {
        world = try VerifierWorld()
    }

    @Test func bakedPNGRoundTripsASignedAndAHostedBadge() async throws {
        let jws = try world.signed()
        let signedPNG = try PNGBaker().bake(DefaultBadgeImage.png(), payload: jws)
        let signed = await world.verifier.verify(.data(signedPNG), recipient: "alice@example.org")
        #expect(signed.result == .valid, "\(signed.lines)")
        #expect(signed.check(.input)?.detail == "a baked PNG holding a compact JWS")
        #expect(signed.check(.recipient)?.status == .passed)

        let (url, document) = world.hosted()
        for payload in [url, document.encodedString()] {
            let hostedPNG = try PNGBaker().bake(DefaultBadgeImage.png(), payload: payload)
            let hosted = await world.verifier.verify(.data(hostedPNG))
            #expect(hosted.result == .valid, "\(hosted.lines)")
            #expect(hosted.method == .hosted)
        }
        let plain = await world.verifier.verify(.data(DefaultBadgeImage.png()))
        #expect(plain.result == .invalid)
        #expect(plain.check(.input)?.detail == "the PNG has no openbadges iTXt chunk")
    }

    @Test func bakedSVGRoundTripsASignedAndAHostedBadge() async throws {
        let svg = DefaultBadgeImage.svg(name: "Linear Algebra")
        let signedSVG = try SVGBaker().bake(svg, .init(verify: try world.signed()))
        let signed = await world.verifier.verify(.data(Data(signedSVG.utf8)))
        #expect(signed.result == .valid, "\(signed.lines)")
        #expect(signed.check(.input)?.detail == "a baked SVG holding a compact JWS")

        let (url, document) = world.hosted()
        let hostedSVG = try SVGBaker().bake(svg, .init(verify: url, json: document.encodedString()))
        let hosted = await world.verifier.verify(.data(Data(hostedSVG.utf8)))
        #expect(hosted.result == .valid, "\(hosted.lines)")
        #expect(hosted.check(.input)?.detail == "a baked SVG holding an assertion URL")
    }

    @Test func thirdPartySignedAndHostedAssertionsAreValid() async throws {
        let payload = Other.assertion(id: "urn:uuid:6a4b1a2c-1f2e-4c3d-8e9f-000000000002", signed: true)
        let jws = try world.sign(payload, with: world.otherKey)
        let signed = await world.verifier.verify(.text("JWS follows:\n\(jws)\n"), recipient: Other.identity)
        #expect(signed.result == .valid, "\(signed.lines)")
        #expect(signed.check(.badgeClass)?.detail == "BadgeClass https://other.example/badges/rust “Rust Basics”")
        #expect(signed.check(.keyOwner)?.status == .passed)

        let hostedURL = "https://other.example/assertions/7"
        world.fetcher.serve(Other.assertion(id: hostedURL, signed: false))
        let hosted = await world.verifier.verify(.text(hostedURL), recipient: Other.identity)
        #expect(hosted.result == .valid, "\(hosted.lines)")
        #expect(hosted.check(.origin)?.detail == "hosted at other.example, an allowed origin of the issuer")
        #expect(hosted.check(.revocation)?.detail == "not revoked, and not in the issuer's RevocationList (1 entries)")

        // Signed with badged's key but claiming Other Academy's key: the signature fails.
        let forged = await world.verifier.verify(.text(try world.sign(payload, with: world.key)))
        #expect(forged.result == .invalid)
        #expect(forged.check(.signature)?.status == .failed)
    }

    @Test func hostedAssertionsOutsideTheIssuersOriginOrPrefixAreInvalid() async throws {
        let elsewhere = "https://evil.example/assertions/1"
        world.fetcher.serve(Other.assertion(id: elsewhere, signed: false))
        let report = await world.verifier.verify(.text(elsewhere))
        #expect(report.result == .invalid)
        #expect(report.check(.origin)?.detail == "the assertion is not hosted in the issuer's allowed origins (other.example)")

        var issuer = try #require(Other.documents(publicKeyPEM: world.otherKey.publicKeyPEM).first?.objectValue)
        issuer["verification"] = [
            "type": "VerificationObject", "startsWith": ["https://other.example/badges-only/"], "allowedOrigins": "other.example",
        ]
        world.fetcher.serve(.object(issuer))
        let outside = "https://other.example/assertions/8"
        world.fetcher.serve(Other.assertion(id: outside, signed: false))
        #expect(await world.verifier.verify(.text(outside)).check(.origin)?.status == .failed)
        let inside = "https://other.example/badges-only/8"
        world.fetcher.serve(Other.assertion(id: inside, signed: false))
        let ok = await world.verifier.verify(.text(inside))
        #expect(ok.result == .valid, "\(ok.lines)")
    }

    @Test func aURLServingAJWSIsVerifiedAsSigned() async throws {
        let url = world.urls.signedAssertion(Fixture.assertionID)
        world.fetcher.serve(text: try world.signed() + "\n", at: url)
        let report = await world.verifier.verify(.text(url))
        #expect(report.result == .valid, "\(report.lines)")
        #expect(report.method == .signed)
        #expect(report.check(.signature)?.status == .passed)
    }

    @Test func aSignedAssertionGivenAsJSONOrURLNeedsItsJWS() async throws {
        let url = "https://other.example/assertions/signed-json"
        let document = Other.assertion(id: url, signed: true)
        world.fetcher.serve(document)
        for input in [VerificationInput.text(url), .text(document.encodedString())] {
            let report = await world.verifier.verify(input)
            #expect(report.result == .invalid)
            #expect(report.check(.assertion)?.detail.hasPrefix("this is a SignedBadge assertion") == true)
        }
    }

    @Test func onlyHTTPURLsAreFetchedAndFetchesAreBounded() async throws {
        for text in ["file:///etc/passwd", "ftp://other.example/a", "just words", "{not json"] {
            let report = await world.verifier.verify(.text(text))
            #expect(report.result == .invalid)
            #expect(report.check(.input)?.status == .failed)
        }
        let payload = Other.assertion(id: "urn:uuid:6a4b1a2c-1f2e-4c3d-8e9f-000000000003", signed: true)
        guard case .object(var members) = payload else { throw VerifierTestError("not an object") }
        members["verification"] = ["type": "SignedBadge", "creator": "file:///etc/ssl/private/key.pem"]
        let report = await world.verifier.verify(.text(try world.sign(.object(members), with: world.otherKey)))
        #expect(report.check(.key)?.status == .failed)
        #expect(!world.fetcher.requests.contains { !$0.hasPrefix("https://") })

        let stingy = BadgeVerifier(fetcher: world.fetcher, clock: FixedClock(date: VerifierWorld.now), limits: .init(maximumFetches: 2))
        let bounded = await stingy.verify(.text(try world.signed()))
        #expect(bounded.result == .invalid)
        #expect(bounded.checks.contains { $0.detail.contains("more than 2 documents") })

        let small = BadgeVerifier(fetcher: world.fetcher, clock: FixedClock(date: VerifierWorld.now), limits: .init(maximumDocumentBytes: 100))
        #expect(await small.verify(.text(try world.signed())).check(.key)?.status == .failed)
        let tiny = BadgeVerifier(fetcher: world.fetcher, clock: FixedClock(date: VerifierWorld.now), limits: .init(maximumTextBytes: 10))
        #expect(await tiny.verify(.text(try world.signed())).check(.input)?.detail.contains("larger than 10 bytes") == true)
    }

    @Test func missingDocumentsAndFieldsAreReported() async throws {
        let url = "https://other.example/assertions/orphan"
        world.fetcher.serve(Other.assertion(id: url, signed: false, extra: ["badge": "https://other.example/badges/none"]))
        let orphan = await world.verifier.verify(.text(url))
        #expect(orphan.result == .invalid)
        #expect(orphan.check(.badgeClass)?.detail == "https://other.example/badges/none answered HTTP 404")
        #expect(orphan.check(.issuer)?.detail == "not checked: badge-class failed")

        let bare = "https://other.example/assertions/bare"
        world.fetcher.serve(["@context": Other.context, "type": "Assertion", "id": .string(bare), "verification": ["type": "HostedBadge"]])
        let report = await world.verifier.verify(.text(bare))
        #expect(
            report.check(.assertion)?.detail
                == "recipient needs type and identity; recipient.hashed must be true or false; badge is missing; issuedOn is missing"
        )
    }
}
