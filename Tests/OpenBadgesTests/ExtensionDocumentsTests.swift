import Foundation
import OpenBadges
import Primitives
import Testing

@Suite struct ExtensionDocumentsTests {
    let documents: ExtensionDocuments

    init() throws {
        documents = ExtensionDocuments(urls: try Fixture.urls())
    }

    @Test func thereAreElevenExtensionsSplitOverBadgeClassAndIssuer() {
        #expect(EdubadgesExtension.allCases.count == 11)
        #expect(EdubadgesExtension.allCases.filter { $0.target == .badgeClass }.count == 7)
        #expect(EdubadgesExtension.gradingTable.key == "GradingTableURL")
        #expect(EdubadgesExtension.educationProgramIdentifier.key == "EducationProgramIdentifier")
    }

    @Test(arguments: EdubadgesExtension.allCases)
    func contextValidatesItsOwnTypeWithItsOwnSchema(_ ext: EdubadgesExtension) throws {
        let context = documents.context(for: ext)
        #expect(context["@context"]?[ext.key] == .string("extensions:\(ext.key)"))
        let validation = try #require(context["obi:validation"]?.arrayValue?.first)
        #expect(validation["obi:validatesType"] == .string("extensions:\(ext.name)"))
        #expect(validation["obi:validationSchema"] == .string("http://127.0.0.1:8080/public/extensions/\(ext.name)/schema.json"))
    }

    @Test(arguments: EdubadgesExtension.allCases)
    func schemaRequiresTheExtensionKey(_ ext: EdubadgesExtension) {
        let schema = documents.schema(for: ext)
        #expect(schema["required"] == [.string(ext.key)])
        #expect(schema["properties"]?[ext.key] != nil)
        #expect(schema["id"] == .string("http://127.0.0.1:8080/public/extensions/\(ext.name)/schema.json"))
        #expect(!schema.encodedString().contains("localhost"))
    }

    @Test func documentsAreFoundByPath() {
        #expect(documents.document(atPath: "ECTSExtension/context.json") == documents.context(for: .ects))
        #expect(documents.document(atPath: "EQFExtension/schema.json") == documents.schema(for: .eqf))
        #expect(documents.document(atPath: "NoSuchExtension/schema.json") == nil)
        #expect(documents.document(atPath: "EQFExtension/other.json") == nil)
    }
}
