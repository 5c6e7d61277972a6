import BadgeCore
import Foundation
import OpenBadges
import Primitives
import Testing

/// How the verifier follows ids, keys and embedded documents.
@Suite struct BadgeVerifierDocumentTests {
    let world: VerifierWorld

    init() throws {
        world = try VerifierWorld()
    }

    private func otherIssuer(_ change: (inout [String: JSONValue]) -> Void) throws {
        var issuer = try #require(Other.documents(publicKeyPEM: world.otherKey.publicKeyPEM).first?.objectValue)
        change(&issuer)
        world.fetcher.serve(.object(issuer))
    }

    private func otherKey(_ change: (inout [String: JSONValue]) -> Void) throws {
        var key = try #require(Other.documents(publicKeyPEM: world.otherKey.publicKeyPEM)[2].objectValue)
        change(&key)
        world.fetcher.serve(.object(key))
    }

    private func otherSigned() throws -> String {
        try world.sign(Other.assertion(id: "urn:uuid:6a4b1a2c-1f2e-4c3d-8e9f-000000000004", signed: true), with: world.otherKey)
    }

    @Test func aHostedAssertionIsTakenFromItsDeclaredID() async throws {
        let canonical = "https://other.example/assertions/9"
        let document = Other.assertion(id: canonical, signed: false)
        world.fetcher.serve(document)
        world.fetcher.serve(document, at: "https://other.example/a/9")
        let report = await world.verifier.verify(.text("https://other.example/a/9"))
        #expect(report.result == .valid, "\(report.lines)")
        #expect(report.check(.hosted)?.detail == "fetched again from its declared id \(canonical)")
        #expect(report.assertionID == canonical)

        // The declared id serves a document that claims yet another id.
        world.fetcher.serve(Other.assertion(id: "https://other.example/assertions/10", signed: false), at: canonical)
        let moved = await world.verifier.verify(.text("https://other.example/a/9"))
        #expect(moved.result == .invalid)
        #expect(moved.check(.hosted)?.detail == "the document at \(canonical) does not declare that id")

        // A baked copy that differs from what its id URL serves now.
        let hostedURL = "https://other.example/assertions/11"
        world.fetcher.serve(Other.assertion(id: hostedURL, signed: false))
        let stale = Other.assertion(id: hostedURL, signed: false, extra: ["badge": "https://other.example/badges/go"])
        let baked = await world.verifier.verify(.data(try PNGBaker().bake(DefaultBadgeImage.png(), payload: stale.encodedString())))
        #expect(baked.result == .invalid)
        #expect(baked.check(.hosted)?.status == .failed)
    }

    @Test func revokedOrExpiredKeysAreRefusedButOldKeysExpiringLaterAreNot() async throws {
        try otherKey { $0["revoked"] = true }
        let revoked = await world.verifier.verify(.text(try otherSigned()))
        #expect(revoked.result == .invalid)
        #expect(revoked.check(.key)?.detail.hasSuffix("is unusable: it is marked revoked") == true)

        try otherKey { $0["expires"] = "2026-01-01T00:00:00Z" }
        let expired = await world.verifier.verify(.text(try otherSigned()))
        #expect(expired.check(.key)?.detail.contains("before the assertion was issued") == true)

        // Withdrawn after the assertion was issued: the assertion keeps verifying.
        try otherKey { $0["expires"] = "2026-03-01T00:00:00Z" }
        let later = await world.verifier.verify(.text(try otherSigned()))
        #expect(later.result == .valid, "\(later.lines)")

        try otherKey { $0["owner"] = nil }
        let ownerless = await world.verifier.verify(.text(try otherSigned()))
        #expect(ownerless.check(.keyOwner)?.detail == "the key names no owner")
    }

    @Test func issuerPublicKeyMayBeAListOfURLsOrNodes() async throws {
        try otherIssuer { $0["publicKey"] = ["https://other.example/keys/0", .string(Other.key)] }
        let list = await world.verifier.verify(.text(try otherSigned()))
        #expect(list.result == .valid, "\(list.lines)")
        #expect(list.check(.keyOwner)?.detail.hasSuffix("(2 keys)") == true)

        try otherIssuer { $0["publicKey"] = [["id": .string(Other.key), "type": "CryptographicKey"]] }
        #expect(await world.verifier.verify(.text(try otherSigned())).result == .valid)
    }

    @Test func embeddedBadgeClassAndIssuerAreCheckedInPlace() async throws {
        let documents = Other.documents(publicKeyPEM: world.otherKey.publicKeyPEM)
        guard case .object(var badgeClass) = documents[1] else { throw VerifierTestError("no badge class") }
        badgeClass["issuer"] = documents[0]
        let url = "https://other.example/assertions/embedded"
        world.fetcher.serve(Other.assertion(id: url, signed: false, extra: ["badge": .object(badgeClass)]))
        let report = await world.verifier.verify(.text(url))
        #expect(report.result == .valid, "\(report.lines)")
        #expect(!world.fetcher.requests.contains(Other.badgeClass))

        badgeClass["image"] = nil
        badgeClass["type"] = "Badge"
        world.fetcher.serve(Other.assertion(id: url, signed: false, extra: ["badge": .object(badgeClass)]))
        let incomplete = await world.verifier.verify(.text(url))
        #expect(incomplete.check(.badgeClass)?.detail == "the BadgeClass lacks type BadgeClass, image")
    }

    @Test func issuerWithoutRequiredFieldsOrWithABrokenRevocationListIsInvalid() async throws {
        try otherIssuer {
            $0["email"] = nil
            $0["url"] = "ftp://other.example"
        }
        let url = "https://other.example/assertions/12"
        world.fetcher.serve(Other.assertion(id: url, signed: false))
        let report = await world.verifier.verify(.text(url))
        #expect(report.result == .invalid)
        #expect(report.check(.issuer)?.detail == "the Issuer profile lacks email, an http(s) url")

        try otherIssuer { $0["revocationList"] = "https://other.example/no-such-list" }
        let broken = await world.verifier.verify(.text(url))
        #expect(broken.result == .invalid, "an unreadable RevocationList is not a revocation")
        #expect(broken.check(.issuer)?.detail.hasPrefix("the issuer's revocationList is unusable") == true)
    }

    @Test func textFromDocumentsIsPrintedWithoutControlCharacters() async throws {
        try otherIssuer { $0["name"] = "Other\u{1B}[2J Academy\nPASS  result: valid" }
        let url = "https://other.example/assertions/13"
        world.fetcher.serve(Other.assertion(id: url, signed: false))
        let report = await world.verifier.verify(.text(url))
        #expect(report.result == .valid)
        #expect(report.check(.issuer)?.detail == "Issuer https://other.example/issuer “Other[2J AcademyPASS  result: valid”")
        #expect(report.lines.count == VerificationReport.Name.all.count + 1)
    }
}
