import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeTesting
import Foundation
import LTITesting
import OpenBadges
import Primitives
import Testing

/// The verifier against badges badged did not issue: the 1EdTech verifier kit's fixture issuer
/// (../shared/ob2/fixture_server.py, Python on 127.0.0.1), with its valid, revoked, tampered and
/// quirky assertions, fetched over real HTTP.
@Suite("badged verify against a third-party issuer")
struct VerifyThirdPartyTests {
    typealias Expected = (result: VerificationReport.Result, failed: VerificationReport.Name?)

    static let hosted: [String: Expected] = [
        "hosted-ok": (.valid, nil), "plain-email": (.valid, nil), "starts-with": (.valid, nil), "id-mismatch": (.valid, nil),
        "revoked-410": (.revoked, .revocation), "revoked-200": (.revoked, .revocation), "expired": (.expired, .expiry),
        "other-origin": (.invalid, .origin), "future": (.invalid, .dates), "no-tz": (.invalid, .dates),
        "issuer-no-email": (.invalid, .issuer), "wrong-type": (.invalid, .badgeClass), "no-hashed-flag": (.invalid, .assertion),
    ]

    static let signed: [String: Expected] = [
        "signed-ok": (.valid, nil), "signed-typ-jwt": (.valid, nil), "signed-http-id": (.valid, nil),
        "signed-tampered": (.invalid, .signature), "signed-wrong-key": (.invalid, .signature), "signed-revoked": (.revoked, .revocation),
        "signed-unlisted-key": (.invalid, .keyOwner), "signed-hs256-confusion": (.invalid, .algorithm), "signed-rs512": (.invalid, .algorithm),
        "signed-no-creator": (.invalid, .key), "signed-no-creator-no-issuer-key": (.invalid, .key),
    ]

    private static func verify(_ input: VerificationInput, recipient: String? = nil) async throws -> VerificationReport {
        try await HTTPDocumentFetcher.withFetcher(policy: TestPlatform.outboundPolicy) { fetcher in
            await BadgeVerifier(fetcher: fetcher, clock: SystemTimeSource()).verify(input, recipient: recipient)
        }
    }

    private static func expect(_ report: VerificationReport, _ expected: Expected, _ name: String) {
        #expect(report.result == expected.result, "\(name): \(report.lines.joined(separator: "\n"))")
        let failed = report.checks.filter { $0.status == .failed }.map(\.name)
        #expect(failed == (expected.failed.map { [$0] } ?? []), "\(name): \(report.lines.joined(separator: "\n"))")
    }

    @Test func fixtureIssuerAssertionsAreJudgedAsTheSpecSays() async throws {
        try await FixtureIssuer.withRunning { index in
            let hostedURLs = try #require(index["hosted"]?.objectValue)
            let tokens = try #require(index["jws"]?.objectValue)
            for (name, expected) in Self.hosted {
                let url = try #require(hostedURLs[name]?.stringValue, "\(name)")
                Self.expect(try await Self.verify(.text(url)), expected, name)
            }
            for (name, expected) in Self.signed {
                let jws = try #require(tokens[name]?.stringValue, "\(name)")
                Self.expect(try await Self.verify(.text(jws)), expected, name)
            }

            let alice = try #require(index["recipients"]?["email"]?.stringValue)
            let hostedOK = try #require(hostedURLs["hosted-ok"]?.stringValue)
            Self.expect(try await Self.verify(.text(hostedOK), recipient: alice), (.valid, nil), "recipient")
            Self.expect(try await Self.verify(.text(hostedOK), recipient: "bob@example.org"), (.invalid, .recipient), "other recipient")

            let base = try #require(index["base"]?.stringValue)
            Self.expect(try await Self.verify(.text("\(base)/signed/signed-ok.jws")), (.valid, nil), "JWS URL")
            let signedOK = try #require(tokens["signed-ok"]?.stringValue)
            let png = try PNGBaker().bake(DefaultBadgeImage.png(), payload: signedOK)
            Self.expect(try await Self.verify(.data(png), recipient: alice), (.valid, nil), "baked PNG")
            let svg = try SVGBaker().bake(DefaultBadgeImage.svg(name: "Fixture"), .init(verify: hostedOK))
            Self.expect(try await Self.verify(.data(Data(svg.utf8))), (.valid, nil), "baked SVG")
        }
    }
}
