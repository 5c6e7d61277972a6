import BadgeCore
import BadgeTesting
import Foundation
import Testing

@Suite("Identifiers and roles")
struct IdentityAndAccessTests {
    @Test func uuidV7CarriesVersionVariantAndOrdersByTime() {
        let first = UUIDv7Generator(milliseconds: { 1_788_253_200_000 }, randomBytes: { Array(repeating: 0xFF, count: 10) }).makeID()
        let second = UUIDv7Generator(milliseconds: { 1_788_253_200_001 }, randomBytes: { Array(repeating: 0x00, count: 10) }).makeID()
        #expect(first.uuidString.lowercased() < second.uuidString.lowercased())
        let text = Array(first.uuidString)
        #expect(text[14] == "7")
        #expect(["8", "9", "A", "B"].contains(text[19]))
    }

    @Test func rolesGrantWhatTheirNamesSay() {
        let uva = UUID()
        let other = UUID()
        let admin = Principal(keyID: UUID(), role: .admin, institutionID: uva)
        let registrar = Principal(keyID: UUID(), role: .registrar, institutionID: uva)
        let instructor = Principal(keyID: UUID(), role: .instructor, institutionID: uva)
        let operatorKey = Principal(keyID: UUID(), role: .operator, institutionID: nil)

        #expect(admin.canWrite(.issuer, institution: uva))
        #expect(!admin.canWrite(.issuer, institution: other))
        #expect(registrar.canWrite(.badgeClass, institution: uva))
        #expect(!registrar.canWrite(.faculty, institution: uva))
        #expect(!instructor.canWrite(.badgeClass, institution: uva))
        #expect(instructor.canRead(institution: uva))
        #expect(!instructor.canRead(institution: other))
        #expect(operatorKey.canWrite(.institution, institution: nil))
        #expect(!admin.canWrite(.institution, institution: nil))
    }

    @Test func identitiesAreTrimmedOfAnyWhitespaceBeforeHashing() {
        let cases: [(Recipient.IdentityType, String, String)] = [
            (.email, "Ada@Example.org", "ada@example.org"),
            (.email, " \tAda@Example.org\r\n", "ada@example.org"),
            (.email, "\u{00A0}ada@example.org\u{3000}", "ada@example.org"),
            (.id, "urn:x:\u{2028}", "urn:x:"),
            (.id, "\u{0B}urn:x:1\u{0C}", "urn:x:1"),
            (.id, "é-ö", "é-ö"),
            (.telephone, " +31 (20) 123-45.67 ", "+31201234567"),
            (.id, "", ""),
        ]
        for (type, identity, normalized) in cases {
            #expect(Recipient(type: type, identity: identity).normalizedIdentity == normalized, "\(identity.debugDescription)")
        }
    }

    @Test func pageLimitsAreBounded() {
        #expect(throws: BadgeCoreError.self) { try PageRequest(limit: 0) }
        #expect(throws: BadgeCoreError.self) { try PageRequest(limit: 201) }
    }
}
