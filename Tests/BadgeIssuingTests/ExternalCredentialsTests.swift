import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import OpenBadges
import Primitives
import Testing

/// External OB 2.0 credentials on a recipient's record, on every backend: a hosted assertion of
/// another issuer that verifies and was issued to the recipient is stored and completes a
/// composite that allows it; revoked, tampered and someone else's assertions are refused.
@Suite("External credentials")
struct ExternalCredentialsTests {
    let ada = Recipient(type: .email, identity: "ada@example.org")
    static let origin = "https://other.example.org"
    static let badgeClassURL = origin + "/badges/ethics"
    static let assertionURL = origin + "/assertions/1"

    /// Another issuer's documents: an Issuer, a BadgeClass carrying 5 EC, and a hosted assertion
    /// to `recipient` (plain e-mail), revoked when asked.
    static func documents(recipient: String = "ada@example.org", revoked: Bool = false, badgeName: String = "Ethics elsewhere") -> StaticDocuments {
        let context: JSONValue = "https://w3id.org/openbadges/v2"
        let issuer: JSONValue = [
            "@context": context, "type": "Issuer", "id": .string(origin + "/issuer"), "name": "Other Academy",
            "email": "badges@other.example.org", "url": .string(origin),
        ]
        let badgeClass: JSONValue = [
            "@context": context, "type": "BadgeClass", "id": .string(badgeClassURL), "name": .string(badgeName),
            "description": "Ethics of data", "image": .string(origin + "/badges/ethics.png"),
            "criteria": ["narrative": "Pass the exam"], "issuer": .string(origin + "/issuer"),
            "extensions:ECTSExtension": ["@context": .string(origin + "/ects.json"), "type": ["Extension", "extensions:ECTSExtension"], "ECTS": 5],
        ]
        var assertion: [String: JSONValue] = [
            "@context": context, "type": "Assertion", "id": .string(assertionURL),
            "recipient": ["type": "email", "hashed": false, "identity": .string(recipient)],
            "badge": .string(badgeClassURL), "verification": ["type": "hosted"], "issuedOn": "2026-01-15T10:00:00Z",
        ]
        if revoked { assertion["revoked"] = true }
        return StaticDocuments([
            origin + "/issuer": issuer, badgeClassURL: badgeClass, assertionURL: .object(assertion),
        ])
    }

    struct Setup {
        let world: StackingWorld
        let stacker: Stacker
        let store: any ExternalCredentialStore
        let externals: ExternalCredentials<StaticDocuments>
        let composite: Record<BadgeClass>
        let unit: Record<BadgeClass>
    }

    /// A composite of a local unit and the other issuer's BadgeClass, with the use case on `documents`.
    func withSetup<R>(_ backend: StorageBackend, documents: StaticDocuments, _ body: (Setup) async throws -> R) async throws -> R {
        try await StackingWorld.with(backend) { world in
            let store: any ExternalCredentialStore =
                world.issuing.database.map { SQLExternalCredentialStore(database: $0) } ?? InMemoryExternalCredentialStore()
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
            let clock = world.clock
            let externals = ExternalCredentials(
                store: store,
                stacker: stacker,
                makeVerifier: { BadgeVerifier(fetcher: documents, clock: clock) },
                ids: world.issuing.ids,
                clock: clock
            )
            let unit = try world.unit("Introduction to Data Science")
            let composite = try await world.makeComposite("Data Science with Ethics")
            let rule = StackingRule(.allOf([.component(.badgeClass(unit.id)), .component(.external(Self.badgeClassURL))]), allowExternal: true)
            _ = try await world.rules.set(rule, compositeClassID: composite.id, actor: "test", allowed: { _ in true })
            return try await body(Setup(world: world, stacker: stacker, store: store, externals: externals, composite: composite, unit: unit))
        }
    }

    @Test(arguments: StorageBackend.all)
    func aVerifiedExternalAssertionIsStoredAndCompletesTheComposite(backend: StorageBackend) async throws {
        try await withSetup(backend, documents: Self.documents()) { setup in
            try await setup.world.award(setup.unit, to: ada)
            try await setup.world.deliverAll()
            #expect(try await setup.world.held(setup.composite, by: ada) == nil)

            let (credential, outcome) = try await setup.externals.add(recipient: ada, source: .text(Self.assertionURL), actor: "key:test")
            #expect(credential.componentID == Self.badgeClassURL)
            #expect(credential.assertionID == Self.assertionURL)
            #expect(credential.name == "Ethics elsewhere")
            #expect(credential.ects == 5)
            #expect(credential.issuerID == Self.origin + "/issuer")
            #expect(credential.status == .valid)
            #expect(credential.recipientKey == ada.key)
            #expect(credential.source == Self.assertionURL)

            let issued = try #require(try await setup.world.held(setup.composite, by: ada))
            #expect(outcome.issued == [issued.id])
            #expect(issued.evidence.contains { $0.url == Self.assertionURL && $0.name == "Ethics elsewhere" })
            #expect(try await setup.externals.list(recipient: ada) == [credential])

            await #expect(throws: BadgeCoreError.self) {
                _ = try await setup.externals.add(recipient: ada, source: .text(Self.assertionURL), actor: "key:test")
            }
            try await setup.externals.remove(recipient: ada, id: credential.id, actor: "key:test")
            #expect(try await setup.externals.list(recipient: ada).isEmpty)
            // Erasing the recipient removes what is on their record.
            _ = try await setup.externals.add(recipient: ada, source: .text(Self.assertionURL), actor: "key:test")
            let erasure = RecipientErasure(
                assertions: setup.world.issuing.assertions,
                imports: InMemoryEDCIImportStore(),
                externals: setup.store,
                clock: setup.world.clock
            )
            #expect(try await erasure.forget(ada, institutionID: nil, actor: "key:test").externalCredentials == 1)
            #expect(try await setup.externals.list(recipient: ada).isEmpty)
            await #expect(throws: BadgeCoreError.self) { try await setup.externals.remove(recipient: ada, id: credential.id, actor: "key:test") }
        }
    }

    @Test(arguments: StorageBackend.all)
    func aLocalUnitAwardedAfterTheExternalCredentialCompletesTheComposite(backend: StorageBackend) async throws {
        try await withSetup(backend, documents: Self.documents()) { setup in
            let (_, outcome) = try await setup.externals.add(recipient: ada, source: .text(Self.assertionURL), actor: "key:test")
            #expect(outcome.issued.isEmpty, "the local unit is still missing")
            let unit = try await setup.world.award(setup.unit, to: ada)
            // What the outbox runs after the award, with the stacker that reads external credentials.
            let after = try await setup.stacker.run(after: unit.id)
            let issued = try #require(try await setup.world.held(setup.composite, by: ada))
            #expect(after.issued == [issued.id])
            #expect(Set(issued.evidence.compactMap(\.url)).contains(Self.assertionURL))
        }
    }

    @Test(arguments: StorageBackend.all)
    func revokedAndOtherRecipientsAssertionsAreRefusedAndDoNotCount(backend: StorageBackend) async throws {
        for (documents, reason) in [
            (Self.documents(revoked: true), "revoked"), (Self.documents(recipient: "bob@example.org"), "not issued to this recipient"),
        ] {
            try await withSetup(backend, documents: documents) { setup in
                try await setup.world.award(setup.unit, to: ada)
                try await setup.world.deliverAll()
                let error = await #expect(throws: BadgeCoreError.self) {
                    _ = try await setup.externals.add(recipient: ada, source: .text(Self.assertionURL), actor: "key:test")
                }
                #expect(error?.code == .validation)
                #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
                #expect(try await setup.externals.list(recipient: ada).isEmpty)
                #expect(try await setup.world.held(setup.composite, by: ada) == nil)
            }
        }
    }

    @Test func aReportThatFailedAnyCheckIsRefusedNamingIt() throws {
        let report = VerificationReport(
            checks: [.init(.input, .passed, "a compact JWS"), .init(.signature, .failed, "the signature does not verify")],
            method: .signed,
            assertionID: "urn:uuid:1"
        )
        let error = #expect(throws: BadgeCoreError.self) { _ = try ExternalCredentials<StaticDocuments>.accepted(report) }
        #expect(error?.message.contains("signature failed") == true)
    }
}

/// Serves fixed JSON documents by URL; anything else is a 404.
struct StaticDocuments: DocumentFetcher {
    let documents: [String: JSONValue]

    init(_ documents: [String: JSONValue]) { self.documents = documents }

    func get(_ url: URL, maximumBytes: Int) async throws -> FetchedDocument {
        guard let document = documents[url.absoluteString] else { return FetchedDocument(status: 404, body: Data()) }
        return FetchedDocument(status: 200, body: document.encoded())
    }
}
