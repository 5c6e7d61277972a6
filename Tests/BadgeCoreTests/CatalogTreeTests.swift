import BadgeCore
import BadgeTesting
import Foundation
import Testing

@Suite("Catalogue import files")
struct CatalogTreeTests {
    @Test func sampleUniversityParsesWithItsWholeHierarchy() throws {
        let tree = try SampleCatalog.tree()
        #expect(tree.institution.identifier == "universiteit-harderwijk.nl")
        #expect(tree.institution.kind == .wo)
        #expect(tree.faculties.count == 2)
        #expect(tree.issuers.count == 2)
        #expect(tree.badgeClasses.count == 7)
        let kinds = tree.badgeClasses.map(\.kind)
        #expect(kinds.filter { $0 == .regular }.count == 5)
        #expect(kinds.filter { $0 == .microCredential }.count == 1)
        #expect(kinds.filter { $0 == .extraCurricular }.count == 1)
        #expect(tree.badgeClasses.filter { $0.kind == .regular }.allSatisfy { $0.ects == 6 })
        #expect(tree.faculties.allSatisfy { $0.institutionID == tree.institution.id })
        #expect(Set(tree.badgeClasses.map(\.issuerID)).isSubset(of: Set(tree.issuers.map(\.id))))
    }

    @Test func anInvalidNestedValueIsReportedWithItsPath() throws {
        var text = try String(contentsOf: SampleCatalog.fileURL, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"ects\": 5,", with: "\"ects\": 2,")
        let error = #expect(throws: BadgeCoreError.self) {
            try CatalogTree(importing: Data(text.utf8), ids: CountingIDGenerator(), now: FixedTimeSource().now())
        }
        #expect(error?.field == "institution.faculties[0].issuers[0].badge_classes[5].ects")
    }

    @Test func aMistypedValueIsReportedWithItsPath() throws {
        var text = try String(contentsOf: SampleCatalog.fileURL, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"eqf\": 7,", with: "\"eqf\": \"seven\",")
        let error = #expect(throws: BadgeCoreError.self) {
            try CatalogTree(importing: Data(text.utf8), ids: CountingIDGenerator(), now: FixedTimeSource().now())
        }
        #expect(error?.field == "institution.faculties[0].issuers[0].badge_classes[5]")
        #expect(error?.message.contains("eqf must be an integer") == true)
    }

    @Test func aFileWithoutAnInstitutionIsRefused() {
        #expect(throws: BadgeCoreError.self) {
            try CatalogTree(importing: Data("[1,2]".utf8), ids: CountingIDGenerator(), now: FixedTimeSource().now())
        }
    }
}
