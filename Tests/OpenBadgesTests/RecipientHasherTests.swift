import BadgeCore
import Crypto
import Foundation
import OpenBadges
import Testing

@Suite struct RecipientHasherTests {
    @Test func hashesTheTrimmedLowerCasedEmailPlusSalt() {
        let hashed = RecipientHasher.hash(Recipient(type: .email, identity: "  Alice@Example.ORG\n"), salt: "NaCl-4711")
        // The value the 1EdTech fixture server publishes for alice@example.org with salt NaCl-4711.
        #expect(hashed.identity == "sha256$4ad6165e5240efca50a13b0636e2ed30bc104ec0d41b25be977c159e36f8824a")
        #expect(hashed.salt == "NaCl-4711")
        #expect(hashed.type == .email)
    }

    @Test func hashIsSHA256OfIdentityAndSaltInLowerCaseHex() {
        let hashed = RecipientHasher.hash(Recipient(type: .url, identity: "https://people.example.org/alice"), salt: "s")
        let digest = SHA256.hash(data: Data("https://people.example.org/alices".utf8))
        #expect(hashed.identity == "sha256$" + digest.map { String(format: "%02x", $0) }.joined())
    }

    @Test func urlAndIDIdentitiesKeepTheirCase() {
        let upper = RecipientHasher.hash(Recipient(type: .id, identity: "urn:mace:eduid.nl:ABC"), salt: "x")
        let lower = RecipientHasher.hash(Recipient(type: .id, identity: "urn:mace:eduid.nl:abc"), salt: "x")
        #expect(upper.identity != lower.identity)
    }

    @Test func telephoneNumbersLoseFormatting() {
        let formatted = RecipientHasher.hash(Recipient(type: .telephone, identity: "+31 (20) 123-4567"), salt: "x")
        let plain = RecipientHasher.hash(Recipient(type: .telephone, identity: "+31201234567"), salt: "x")
        #expect(formatted.identity == plain.identity)
    }

    @Test func saltComesFromTheInjectedRandomness() {
        let hasher = RecipientHasher(randomBytes: { count in Array(0..<UInt8(count)) })
        let hashed = hasher.hash(Fixture.alice)
        #expect(hashed.salt == "000102030405060708090a0b0c0d0e0f")
        #expect(hashed == RecipientHasher.hash(Fixture.alice, salt: hashed.salt))
    }

    @Test func systemSaltsDiffer() {
        let hasher = RecipientHasher()
        #expect(hasher.hash(Fixture.alice).salt != hasher.hash(Fixture.alice).salt)
        #expect(hasher.hash(Fixture.alice).salt.count == 32)
    }

    @Test func matchesOnlyTheSameRecipient() {
        let hashed = RecipientHasher.hash(Fixture.alice, salt: "pepper")
        #expect(RecipientHasher.matches(Recipient(type: .email, identity: "alice@example.org"), hashed))
        #expect(!RecipientHasher.matches(Recipient(type: .email, identity: "bob@example.org"), hashed))
        #expect(!RecipientHasher.matches(Recipient(type: .url, identity: "alice@example.org"), hashed))
    }

    @Test func recipientValidationRejectsImplausibleIdentities() {
        #expect(throws: BadgeCoreError.self) { try Recipient(type: .email, identity: "not-an-address").validate() }
        #expect(throws: BadgeCoreError.self) { try Recipient(type: .url, identity: "ftp://x.org").validate() }
        #expect(throws: BadgeCoreError.self) { try Recipient(type: .telephone, identity: "call me").validate() }
        #expect(throws: BadgeCoreError.self) { try Recipient(type: .id, identity: "").validate() }
        #expect(throws: Never.self) { try Recipient(type: .telephone, identity: "+31 20 123 4567").validate() }
        #expect(throws: Never.self) { try Fixture.alice.validate() }
    }
}
