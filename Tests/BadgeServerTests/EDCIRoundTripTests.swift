import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeTesting
import EDCI
import Foundation
import OpenBadges
import Primitives
import Testing

/// Round trips on mapped fields: edubadges → EDCI → edubadges over the sample catalogue, and
/// EDCI → edubadges → EDCI over the EU's sample credentials.
@Suite("EDCI round trips")
struct EDCIRoundTripTests {
    static let schemaDirectory = SamplePaths.shared.appending(path: "edci/xsd")

    static func importer() throws -> EDCIImporter {
        EDCIImporter(schema: try EDCISchema(directory: schemaDirectory, file: EDCISchema.presentationSchemaFile))
    }

    /// The assertion document of `badgeClass` with its badge class and issuer embedded, as a file would hold it.
    static func bundle(_ badgeClass: Record<BadgeClass>, tree: CatalogTree, documents: OpenBadgesDocuments) throws -> (Data, Assertion) {
        let issuer = try #require(tree.issuers.first { $0.id == badgeClass.issuerID })
        let assertion = Assertion(
            id: try #require(UUID(uuidString: "0192f3a0-0000-7000-8000-0000000000aa")),
            badgeClassID: badgeClass.id,
            issuerID: issuer.id,
            recipient: RecipientHasher.hash(Recipient(type: .email, identity: "ada@example.org"), salt: "0123456789abcdef"),
            issuedOn: Date(timeIntervalSince1970: 1_790_000_000),
            verification: .hosted
        )
        let bundle: JSONValue = .object([
            "assertion": documents.assertion(assertion),
            "badge": documents.badgeClass(badgeClass),
            "issuer": documents.issuerProfile(issuer, institution: tree.institution.content),
        ])
        return (bundle.encoded(), assertion)
    }

    @Test func edubadgesToEDCIAndBackKeepsEveryMappedField() throws {
        let tree = try SampleCatalog.tree()
        let documents = OpenBadgesDocuments(urls: try PublicURLs(baseURL: "https://badges.example.org"))
        let converter = EdubadgesToEDCI(schema: try EDCISchema(directory: Self.schemaDirectory), signer: nil)
        #expect(tree.badgeClasses.count >= 3)
        for record in tree.badgeClasses {
            let (json, assertion) = try Self.bundle(record, tree: tree, documents: documents)
            let converted = try converter.convert(json)
            let back = try Self.importer().importCredential(from: converted.xml)
            let original = record.content
            let language = original.language
            #expect(back.credentialID == documents.urls.assertion(assertion.id))
            #expect(back.issuedOn == assertion.issuedOn)
            #expect(back.badgeClass.name.preferred(language) == original.name.preferred(language))
            #expect(back.badgeClass.description.preferred(language) == original.description.preferred(language))
            #expect(back.badgeClass.ects == original.ects)
            #expect(back.badgeClass.eqf == original.eqf)
            #expect(back.badgeClass.learningOutcome == original.learningOutcome)
            #expect(back.badgeClass.studyLoad == original.studyLoad)
            #expect(back.badgeClass.language.prefix(2) == language.prefix(2))
            let issuer = try #require(tree.issuers.first { $0.id == record.issuerID })
            #expect(back.issuer.name.preferred(tree.institution.defaultLanguage) == issuer.name.preferred(tree.institution.defaultLanguage))
            let institution = try #require(back.institution)
            #expect(institution.identifiers.contains { $0.value == tree.institution.brin })
            #expect(institution.country == tree.institution.country)
            #expect(back.learner.identifiers.contains { $0.value == assertion.recipient.identity })
        }
    }

    @Test(arguments: ["EDC_SampleACT_AA.xml", "EDC_SampleDegree_AA.xml", "EDC_WileECoyote_Simple.xml"])
    func edciToEdubadgesAndBackKeepsEveryMappedField(sample: String) throws {
        let xml = try Data(contentsOf: SamplePaths.shared.appending(path: "edci/samples/\(sample)"))
        let first = try Self.importer().importCredential(from: xml)
        let export = try EDCIExporter().export(EDCICredentialInput(imported: first))
        try EDCISchema(directory: Self.schemaDirectory).validate(export.document)
        let second = try Self.importer().importCredential(from: export.xmlData())
        #expect(second.credentialID == first.credentialID)
        #expect(second.issuedOn == first.issuedOn)
        #expect(second.badgeClass.name == first.badgeClass.name)
        #expect(second.badgeClass.description == first.badgeClass.description)
        #expect(second.badgeClass.ects == first.badgeClass.ects)
        #expect(second.badgeClass.eqf == first.badgeClass.eqf)
        #expect(second.badgeClass.learningOutcome == first.badgeClass.learningOutcome)
        #expect(second.badgeClass.studyLoad == first.badgeClass.studyLoad)
        #expect(second.badgeClass.grade == first.badgeClass.grade)
        #expect(second.badgeClass.parts.map(\.name) == first.badgeClass.parts.map(\.name))
        #expect(second.issuer.name == first.issuer.name)
        // The issuing organisation's country (a credential without `unitOf` exports its issuer
        // as both the institution and the issuing unit).
        #expect((second.institution ?? second.issuer).country == (first.institution ?? first.issuer).country)
        #expect(second.learner.fullName == first.learner.fullName)
    }
}
