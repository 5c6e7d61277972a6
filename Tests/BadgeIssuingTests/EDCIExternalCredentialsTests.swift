import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import OpenBadges
import Testing

/// Stored EDCI imports as external credentials, on every backend: the EU's master's degree
/// sample, signed and stored as an import, is added to its learner's record and completes a
/// composite that needs a local unit and 120 EC of the degree's qualification; an unsigned import,
/// another learner, another institution and a credential without an achievement are refused;
/// removing the credential flags or revokes the composite, naming it.
@Suite("EDCI imports as external credentials")
struct EDCIExternalCredentialsTests {
    static let degree = "EDC_SampleDegree_AA.xml"
    static let qualification = "urn:epass:qualification:6"
    static let credentialID = "urn:credential:ab962d58-9ffd-4197-be23-f9448df9c953"
    /// The degree's learner by the e-mail address of its `contactPoint` (another case than the XML's).
    let learner = Recipient(type: .email, identity: "Sample.Email@sample.email.com")

    struct Setup {
        let world: StackingWorld
        let store: any ExternalCredentialStore
        let importStore: any EDCIImportStore
        let imports: EDCIImports
        let edci: EDCIExternalCredentials
        let externals: ExternalCredentials<StaticDocuments>
        let registrar: Principal
        let composite: Record<BadgeClass>
        let unit: Record<BadgeClass>

        /// Stores an import under the sample institution's first issuer; returns its id.
        func store(_ xml: Data, allowUnsigned: Bool = false) async throws -> UUID {
            try await imports.store(xml, issuerID: world.issuing.tree.issuers[0].id, allowUnsigned: allowUnsigned, by: registrar).id
        }
    }

    /// A composite needing a local unit and at least 120 EC of the degree's qualification.
    func withSetup<R>(
        _ backend: StorageBackend,
        onLost: StackingRule.ComponentLostPolicy = .flag,
        _ body: (Setup) async throws -> R
    ) async throws -> R {
        try await StackingWorld.with(backend) { world in
            let database = world.issuing.database
            let store: any ExternalCredentialStore = database.map { SQLExternalCredentialStore(database: $0) } ?? InMemoryExternalCredentialStore()
            let importStore: any EDCIImportStore = database.map { SQLEDCIImportStore(database: $0) } ?? InMemoryEDCIImportStore()
            let stacker = Stacker(
                rules: world.store,
                catalog: world.issuing.catalog,
                assertions: world.issuing.assertions,
                awarder: world.awarder,
                revoker: world.issuing.revoker,
                urls: world.issuing.documents.urls,
                clock: world.clock,
                externals: store
            )
            let schemas = EDCISchemaLoader(directory: EDCISamples.schemaDirectory)
            let (ids, clock) = (world.issuing.ids, world.clock)
            let unit = try world.unit("Introduction to Data Science")
            let composite = try await world.makeComposite("Civil Engineering and Data Science")
            let rule = StackingRule(
                .allOf([.component(.badgeClass(unit.id)), .minECTS(120, of: [.component(.external(Self.qualification))])]),
                allowExternal: true,
                onComponentLost: onLost
            )
            _ = try await world.rules.set(rule, compositeClassID: composite.id, actor: "test", allowed: { _ in true })
            let setup = Setup(
                world: world,
                store: store,
                importStore: importStore,
                imports: EDCIImports(
                    catalog: world.issuing.catalog,
                    imports: importStore,
                    schemas: schemas,
                    trust: EDCITrustStore(directory: nil, clock: clock),
                    ids: ids,
                    clock: clock
                ),
                edci: EDCIExternalCredentials(store: store, imports: importStore, schemas: schemas, stacker: stacker, ids: ids, clock: clock),
                externals: ExternalCredentials(
                    store: store,
                    stacker: stacker,
                    makeVerifier: { BadgeVerifier(fetcher: StaticDocuments([:]), clock: clock) },
                    ids: ids,
                    clock: clock
                ),
                registrar: Principal(keyID: UUID(), role: .registrar, institutionID: world.issuing.tree.institution.id),
                composite: composite,
                unit: unit
            )
            return try await body(setup)
        }
    }

    func signedDegree(_ setup: Setup) throws -> Data {
        try EDCISamples.signed(Self.degree, institution: setup.world.issuing.tree.institution.content)
    }

    @Test(arguments: StorageBackend.all)
    func aSignedImportOfTheLearnerCountsWithItsECAndItsRemovalFlagsTheComposite(backend: StorageBackend) async throws {
        try await withSetup(backend) { setup in
            let importID = try await setup.store(try signedDegree(setup))
            try await setup.world.award(setup.unit, to: learner)
            try await setup.world.deliverAll()
            #expect(try await setup.world.held(setup.composite, by: learner) == nil)

            let (credential, outcome) = try await setup.edci.add(recipient: learner, importID: importID, by: setup.registrar)
            #expect(credential.kind == .edci)
            #expect(credential.componentID == Self.qualification)
            #expect(credential.assertionID == Self.credentialID)
            #expect(credential.name == "Master of Science in Civil Engineering")
            #expect(credential.ects == 120)
            #expect(credential.recipientKey == learner.key)
            #expect(credential.source == ExternalCredential.edciSource(importID: importID))
            #expect(credential.expires != nil, "the credential's validUntil")
            let composite = try #require(try await setup.world.held(setup.composite, by: learner))
            #expect(outcome.issued == [composite.id])
            // The credential's urn is no web address: the evidence names it in its narrative.
            #expect(
                composite.evidence.contains {
                    $0.url == nil && $0.narrative?.contains(Self.credentialID) == true && $0.name == "Master of Science in Civil Engineering"
                },
                "\(composite.evidence)"
            )
            #expect(composite.narrative?.contains("together 126 EC") == true, "6 EC of the unit and the degree's 120: \(composite.narrative ?? "")")
            #expect(try await setup.externals.list(recipient: learner) == [credential])

            // The same credential twice is refused.
            let again = await #expect(throws: BadgeCoreError.self) {
                _ = try await setup.edci.add(recipient: learner, importID: importID, by: setup.registrar)
            }
            #expect(again?.code == .conflict)

            // Removing it breaks the rule: the composite is flagged (its policy), naming the credential.
            let removal = try await setup.externals.remove(recipient: learner, id: credential.id, actor: "key:test")
            #expect(removal.flagged == [composite.id])
            #expect(removal.revoked.isEmpty)
            let flag = try #require(try await setup.world.store.flag(compositeAssertionID: composite.id))
            #expect(flag.component == Self.qualification)
            #expect(flag.componentAssertionID == credential.id)
            let audit = try await setup.world.audit(action: "stacking.flagged")
            #expect(audit.count == 1)
            #expect(audit.first?.actor == Stacker.actor(causedBy: credential.id))
            #expect(audit.first?.detail == StackingFlag.auditDetail(component: Self.qualification, assertionID: credential.id))
            #expect(try await setup.world.held(setup.composite, by: learner)?.isRevoked == false, "flagged, not revoked")
            #expect(try await setup.externals.list(recipient: learner).isEmpty)

            // A registrar's review that revokes names the removed credential's component.
            let review = StackingReview(rules: setup.world.store, revoker: setup.world.issuing.revoker, catalog: setup.world.issuing.catalog)
            _ = try await review.review(compositeAssertionID: composite.id, .revoke, comment: nil, actor: "key:test", allowed: { _ in true })
            let reason = try await setup.world.held(setup.composite, by: learner)?.revocationReason ?? ""
            #expect(reason.contains("external credential \(Self.qualification) was removed"), "\(reason)")
        }
    }

    @Test(arguments: StorageBackend.all)
    func removingACredentialRevokesACompositeWhoseRuleSaysSoAndErasureStillWorks(backend: StorageBackend) async throws {
        try await withSetup(backend, onLost: .revoke) { setup in
            // The learner by the subject id the import keeps a digest of.
            let subject = Recipient(type: .id, identity: "urn:epass:person:1")
            let importID = try await setup.store(try signedDegree(setup))
            try await setup.world.award(setup.unit, to: subject)
            let (credential, outcome) = try await setup.edci.add(recipient: subject, importID: importID, by: setup.registrar)
            let composite = try #require(outcome.issued.first)

            let removal = try await setup.externals.remove(recipient: subject, id: credential.id, actor: "key:test")
            #expect(removal.revoked == [composite])
            let revoked = try #require(try await setup.world.issuing.assertions.find(id: composite)?.assertion)
            #expect(revoked.isRevoked)
            let reason = revoked.revocationReason ?? ""
            #expect(reason.contains("Master of Science in Civil Engineering") && reason.contains(Self.credentialID), "\(reason)")
            #expect(try await setup.world.store.flag(compositeAssertionID: composite) == nil)

            // Added again and then erased with the recipient: the import of them and the record both go.
            _ = try await setup.edci.add(recipient: subject, importID: importID, by: setup.registrar)
            let erasure = RecipientErasure(
                assertions: setup.world.issuing.assertions,
                imports: setup.importStore,
                externals: setup.store,
                clock: setup.world.clock
            )
            let erased = try await erasure.forget(subject, institutionID: nil, actor: "key:test")
            #expect(erased.externalCredentials == 1)
            #expect(erased.imports == 1)
            #expect(try await setup.externals.list(recipient: subject).isEmpty)
            #expect(try await setup.importStore.find(id: importID) == nil)
        }
    }

    @Test(arguments: StorageBackend.all)
    func unsignedForeignAndOtherLearnersImportsAreRefusedNamingWhy(backend: StorageBackend) async throws {
        try await withSetup(backend) { setup in
            try await setup.world.award(setup.unit, to: learner)
            let unsigned = try await setup.store(try EDCISamples.sample(Self.degree), allowUnsigned: true)
            let unsignedError = await #expect(throws: BadgeCoreError.self) {
                _ = try await setup.edci.add(recipient: learner, importID: unsigned, by: setup.registrar)
            }
            #expect(unsignedError?.code == .validation)
            #expect(unsignedError?.field == "edci_import_id")
            #expect(unsignedError?.message.contains("not signed") == true, "\(unsignedError?.message ?? "")")
        }
        // A fresh world: an institution imports a credential once.
        try await withSetup(backend) { setup in
            try await setup.world.award(setup.unit, to: learner)
            let signed = try await setup.store(try signedDegree(setup))
            let ada = Recipient(type: .email, identity: "ada@example.org")
            let otherLearner = await #expect(throws: BadgeCoreError.self) {
                _ = try await setup.edci.add(recipient: ada, importID: signed, by: setup.registrar)
            }
            #expect(otherLearner?.code == .validation)
            #expect(otherLearner?.field == "recipient")
            #expect(otherLearner?.message.contains("not this recipient") == true)

            let outsider = Principal(keyID: UUID(), role: .registrar, institutionID: UUID())
            let forbidden = await #expect(throws: BadgeCoreError.self) {
                _ = try await setup.edci.add(recipient: learner, importID: signed, by: outsider)
            }
            #expect(forbidden?.code == .forbidden)
            let missing = await #expect(throws: BadgeCoreError.self) {
                _ = try await setup.edci.add(recipient: learner, importID: UUID(), by: setup.registrar)
            }
            #expect(missing?.code == .notFound)

            // A certificate of participation names no achievement, so no rule can name it.
            let participation = try await setup.store(
                try EDCISamples.signed("EDC_SampleACT_AA.xml", institution: setup.world.issuing.tree.institution.content)
            )
            let noAchievement = await #expect(throws: BadgeCoreError.self) {
                _ = try await setup.edci.add(recipient: learner, importID: participation, by: setup.registrar)
            }
            #expect(noAchievement?.field == "edci_import_id")
            #expect(noAchievement?.message.contains("no learning achievement") == true, "\(noAchievement?.message ?? "")")

            #expect(try await setup.externals.list(recipient: learner).isEmpty)
            #expect(try await setup.externals.list(recipient: ada).isEmpty)
            #expect(try await setup.world.held(setup.composite, by: learner) == nil)
        }
    }
}
