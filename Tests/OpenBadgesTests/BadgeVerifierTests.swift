import BadgeCore
import Crypto
import Foundation
import OpenBadges
import Primitives
import Testing

@Suite struct BadgeVerifierTests {
    let world: VerifierWorld

    init() throws {
        world = try VerifierWorld()
    }

    private func statuses(_ report: VerificationReport) -> [String: VerificationReport.Check.Status] {
        Dictionary(uniqueKeysWithValues: report.checks.map { ($0.name.description, $0.status) })
    }

    private static func b64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    @Test func signedAssertionIsValidAndEverySignedCheckPassed() async throws {
        let report = await world.verifier.verify(.text(try world.signed()))
        #expect(report.result == .valid, "\(report.lines)")
        #expect(report.method == .signed)
        #expect(report.assertionID == world.urls.assertion(Fixture.assertionID))
        let status = statuses(report)
        for name in ["input", "assertion", "algorithm", "key", "signature", "key-owner", "badge-class", "issuer", "dates", "expiry", "revocation"] {
            #expect(status[name] == .passed, "\(name): \(report.lines)")
        }
        for name in ["hosted", "origin", "recipient"] { #expect(status[name] == .skipped) }
        #expect(report.check(.hosted)?.detail == "not applicable to a signed assertion")
        #expect(report.check(.input)?.detail == "a compact JWS")
        #expect(report.lines.last == "result: valid")
        #expect(report.jsonValue["result"] == "valid")
        #expect(report.jsonValue["checks"]?.arrayValue?.count == VerificationReport.Name.all.count)
    }

    @Test func hostedAssertionIsValidByURLAndByJSON() async throws {
        let (url, document) = world.hosted()
        let byURL = await world.verifier.verify(.text(url))
        #expect(byURL.result == .valid, "\(byURL.lines)")
        #expect(byURL.method == .hosted)
        #expect(byURL.check(.hosted)?.detail == "served at its own id URL")
        #expect(byURL.check(.origin)?.status == .passed)
        #expect(byURL.check(.signature)?.status == .skipped)
        let byJSON = await world.verifier.verify(.data(document.encoded()))
        #expect(byJSON.result == .valid, "\(byJSON.lines)")
        #expect(byJSON.check(.hosted)?.detail == "its id URL serves the same assertion")
    }

    @Test func tamperedJWSIsInvalid() async throws {
        let parts = try world.signed().split(separator: ".").map(String.init)
        var payload = try JSONValue.decode(try #require(Data(base64Encoded: parts[1] + String(repeating: "=", count: (4 - parts[1].count % 4) % 4))))
        guard case .object(var members) = payload else { throw VerifierTestError("payload is not an object") }
        members["issuedOn"] = "2025-01-01T00:00:00Z"
        payload = .object(members)
        let tampered = [parts[0], Self.b64url(payload.encoded()), parts[2]].joined(separator: ".")
        let report = await world.verifier.verify(.text(tampered))
        #expect(report.result == .invalid)
        #expect(report.check(.signature)?.status == .failed)
        #expect(report.check(.key)?.status == .passed)
    }

    @Test func algNoneAndHS256AreRefusedBeforeAnyFetch() async throws {
        let payload = Self.b64url(world.documents.assertion(Fixture.assertion(.signed(keyID: world.key.id))).encoded())
        let none = Self.b64url(Data(#"{"alg":"none"}"#.utf8)) + "." + payload + ".c2ln"
        let input = Self.b64url(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "." + payload
        let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: Data(world.key.publicKeyPEM.utf8)))
        let hs256 = input + "." + Self.b64url(Data(mac))
        let unsigned = Self.b64url(Data(#"{"alg":"none"}"#.utf8)) + "." + payload + "."
        for (token, alg) in [(none, "none"), (unsigned, "none"), (hs256, "HS256")] {
            let report = await world.verifier.verify(.text(token))
            #expect(report.result == .invalid)
            #expect(report.check(.algorithm)?.status == .failed)
            #expect(report.check(.algorithm)?.detail.contains("alg \(alg) is refused") == true)
            #expect(report.check(.signature)?.status == .skipped)
        }
        #expect(world.fetcher.requests.isEmpty)
    }

    @Test func keyOwnedByAnotherIssuerOrNotListedIsInvalid() async throws {
        // The key document claims another owner.
        let foreign = world.documents.cryptographicKey(keyID: world.key.id, publicKeyPEM: world.key.publicKeyPEM, issuerID: Fixture.uuid(99))
        world.fetcher.serve(foreign)
        let report = await world.verifier.verify(.text(try world.signed()))
        #expect(report.result == .invalid)
        #expect(report.check(.signature)?.status == .passed)
        #expect(report.check(.keyOwner)?.status == .failed)
        #expect(report.check(.keyOwner)?.detail.contains("not the issuer") == true)

        // A key of the right owner, published elsewhere, that the issuer profile does not list.
        let world = try VerifierWorld()
        let elsewhere = "https://keys.elsewhere.example/k/1"
        var key = try #require(
            world.documents.cryptographicKey(keyID: world.key.id, publicKeyPEM: world.key.publicKeyPEM, issuerID: Fixture.issuer.id).objectValue
        )
        key["id"] = .string(elsewhere)
        world.fetcher.serve(.object(key))
        var payload = try #require(world.documents.assertion(Fixture.assertion(.signed(keyID: world.key.id))).objectValue)
        payload["verification"] = ["type": "SignedBadge", "creator": .string(elsewhere)]
        let unlisted = await world.verifier.verify(.text(try world.sign(.object(payload), with: world.key)))
        #expect(unlisted.result == .invalid)
        #expect(unlisted.check(.keyOwner)?.detail.contains("does not list") == true, "\(unlisted.lines)")
    }

    @Test func anOlderKeyTheIssuerStillPublishesOnItsOriginIsValidAndSaidSo() async throws {
        // After a rotation the profile lists only the current key; the earlier one stays published.
        world.fetcher.serve(world.documents.issuerProfile(Fixture.issuer, institution: Fixture.institution, publicKeyIDs: ["k-current"]))
        let report = await world.verifier.verify(.text(try world.signed()))
        #expect(report.result == .valid, "\(report.lines)")
        #expect(report.check(.keyOwner)?.status == .passed)
        #expect(report.check(.keyOwner)?.detail.contains("older key of the issuer") == true)
        #expect(report.check(.keyOwner)?.detail.contains(world.urls.key("k-current")) == true)
    }

    @Test func aKeyAnsweringGoneIsRevokedAndItsSignaturesInvalid() async throws {
        world.fetcher.serve(.object(["error": "revoked"]), at: world.urls.key(world.key.id), status: 410)
        let report = await world.verifier.verify(.text(try world.signed()))
        #expect(report.result == .invalid)
        #expect(report.check(.key)?.detail.contains("revoked by its issuer") == true, "\(report.lines)")
    }

    @Test func signedByAnotherKeyThanTheCreatorIsInvalid() async throws {
        let payload = world.documents.assertion(Fixture.assertion(.signed(keyID: world.key.id)))
        let report = await world.verifier.verify(.text(try world.sign(payload, with: world.otherKey)))
        #expect(report.result == .invalid)
        #expect(report.check(.signature)?.status == .failed)
    }

    @Test(arguments: [false, true])
    func revocationListEntriesRevokeSignedAssertions(asPlainString: Bool) async throws {
        var revoked = Fixture.assertion(.signed(keyID: world.key.id))
        revoked.revokedAt = Fixture.issuedOn
        revoked.revocationReason = "Awarded in error"
        let list = world.documents.revocationList(issuerID: Fixture.issuerID, assertions: [revoked])
        if asPlainString {
            let id = world.urls.assertion(Fixture.assertionID)
            world.fetcher.serve(["@context": Other.context, "type": "RevocationList", "id": list["id"] ?? .null, "revokedAssertions": [.string(id)]])
        } else {
            // Only the object entry (badged adds the plain id too when the list has one entry).
            world.fetcher.serve([
                "@context": Other.context, "type": "RevocationList", "id": list["id"] ?? .null,
                "revokedAssertions": [list["revokedAssertions"]?.arrayValue?.first ?? .null],
            ])
        }
        let report = await world.verifier.verify(.text(try world.signed()))
        #expect(report.result == .revoked, "\(report.lines)")
        #expect(report.check(.revocation)?.detail.contains("RevocationList lists it") == true)
        #expect(report.check(.revocation)?.detail.contains("Awarded in error") == !asPlainString)
    }

    @Test func revocationListEntriesMatchByUID() async throws {
        let id = "https://other.example/assertions/uid-1"
        Other.serveList(["uid": "abc-123"], in: world)
        world.fetcher.serve(Other.assertion(id: id, signed: false, extra: ["uid": "abc-123"]))
        let report = await world.verifier.verify(.text(id))
        #expect(report.result == .revoked)
    }

    @Test func hostedAssertionMarkedRevokedOrGoneIsRevoked() async throws {
        let (url, _) = world.hosted {
            $0.revokedAt = Fixture.issuedOn
            $0.revocationReason = "Fraud"
        }
        let report = await world.verifier.verify(.text(url))
        #expect(report.result == .revoked, "\(report.lines)")
        #expect(report.check(.revocation)?.detail == "the assertion is marked revoked, reason: Fraud")

        let goneURL = "https://other.example/assertions/gone"
        world.fetcher.serve(text: "Gone", at: goneURL, status: 410)
        let gone = await world.verifier.verify(.text(goneURL))
        #expect(gone.result == .revoked)
        #expect(gone.check(.revocation)?.detail == "the assertion URL answers 410 Gone")
    }

    @Test func expiredAssertionIsExpiredAndBadDatesAreInvalid() async throws {
        let report = await world.verifier.verify(.text(try world.signed { $0.expires = Date(timeIntervalSince1970: 1_770_000_000) }))
        #expect(report.result == .expired, "\(report.lines)")
        #expect(report.check(.expiry)?.detail == "expired on 2026-02-02T02:40:00Z")
        let future = await world.verifier.verify(.text(try world.signed { $0.issuedOn = Date(timeIntervalSince1970: 1_790_000_000) }))
        #expect(future.result == .invalid)
        #expect(future.check(.dates)?.status == .failed)
        let valid = await world.verifier.verify(.text(try world.signed { $0.expires = Date(timeIntervalSince1970: 1_790_000_000) }))
        #expect(valid.result == .valid)
    }

    @Test func recipientMatchesHashedWithSaltAndPlainWithoutRevealingIt() async throws {
        let jws = try world.signed()
        let match = await world.verifier.verify(.text(jws), recipient: "alice@example.org")
        #expect(match.result == .valid)
        #expect(match.check(.recipient)?.detail == "the given identity matches the hashed email recipient (sha256, salted)")
        let upper = await world.verifier.verify(.text(jws), recipient: " ALICE@example.org")
        #expect(upper.check(.recipient)?.status == .passed)
        let mismatch = await world.verifier.verify(.text(jws), recipient: "mallory@example.org")
        #expect(mismatch.result == .invalid)
        #expect(mismatch.check(.recipient)?.detail == "the given identity does not match the hashed email recipient (sha256, salted)")
        let everything = (mismatch.lines + match.lines).joined(separator: "\n") + mismatch.jsonValue.encodedString()
        #expect(!everything.contains("mallory") && !everything.contains("alice"))
        #expect(!everything.contains(Fixture.assertion().recipient.identity.dropFirst(7)))

        let plainURL = "https://other.example/assertions/plain"
        world.fetcher.serve(
            Other.assertion(id: plainURL, signed: false, extra: ["recipient": ["type": "email", "hashed": false, "identity": "Bob@Other.example"]])
        )
        let plain = await world.verifier.verify(.text(plainURL), recipient: "bob@other.example")
        #expect(plain.result == .valid, "\(plain.lines)")
        #expect(plain.check(.recipient)?.detail == "the given identity matches the email recipient (not hashed)")
        let md5URL = "https://other.example/assertions/md5"
        let digest = Insecure.MD5.hash(data: Data("+31201234567NaCl".utf8)).map { String(format: "%02x", $0) }.joined()
        world.fetcher.serve(
            Other.assertion(
                id: md5URL,
                signed: false,
                extra: ["recipient": ["type": "telephone", "hashed": true, "salt": "NaCl", "identity": .string("md5$" + digest)]]
            )
        )
        let md5 = await world.verifier.verify(.text(md5URL), recipient: "+31 20 123 4567")
        #expect(md5.check(.recipient)?.detail == "the given identity matches the hashed telephone recipient (md5, salted)")
    }
}

struct VerifierTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
