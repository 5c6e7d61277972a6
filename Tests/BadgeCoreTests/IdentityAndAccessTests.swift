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

    @Test func pageLimitsAreBounded() {
        #expect(throws: BadgeCoreError.self) { try PageRequest(limit: 0) }
        #expect(throws: BadgeCoreError.self) { try PageRequest(limit: 201) }
    }
}
