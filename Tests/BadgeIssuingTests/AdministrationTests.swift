import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import LTI
import OpenBadges
import Testing

/// The operator tasks on the in-memory fakes (the CLI tests run them on real engines).
@Suite("Administration on the fakes")
struct AdministrationTests {
    private struct Setup {
        let administration: Administration
        let world: IssuingWorld
        let apiKeys: InMemoryAPIKeyStore
        let links: LTIRegistrationLinks
    }

    private func withAdministration(toolKeys: Bool = false, _ body: (Setup) async throws -> Void) async throws {
        try await IssuingWorld.with(.memory) { world async throws in
            let apiKeys = InMemoryAPIKeyStore()
            let links = LTIRegistrationLinks(store: InMemoryRegistrationLinkStore(), baseURL: "https://badges.test", random: FixedRandomSource())
            let encryption = try KeyEncryption(secret: [UInt8](repeating: 9, count: 32))
            let administration = Administration(
                .init(
                    catalog: world.catalog,
                    apiKeys: apiKeys,
                    platforms: InMemoryPlatformRegistrationStore(),
                    awarder: world.awarder(),
                    revoker: world.revoker,
                    erasure: RecipientErasure(assertions: world.assertions, imports: InMemoryEDCIImportStore(), clock: world.clock),
                    issuerKeys: world.keyring,
                    toolKeys: toolKeys ? ToolKeyring(store: InMemoryToolKeyStore(), encryption: encryption, ids: world.ids, clock: world.clock) : nil,
                    registrationLinks: links,
                    tokens: APITokens(ids: world.ids, clock: world.clock, random: FixedRandomSource()),
                    ids: world.ids,
                    clock: world.clock
                )
            )
            try await body(Setup(administration: administration, world: world, apiKeys: apiKeys, links: links))
        }
    }

    @Test func keysAreMadeForLiveInstitutionsOnlyAndStoredAsDigests() async throws {
        try await withAdministration { setup async throws in
            let identifier = setup.world.tree.institution.identifier
            let made = try await setup.administration.createKey(institution: identifier.uppercased(), role: .registrar, label: "r")
            #expect(made.token.hasPrefix("bdg_"))
            #expect(await setup.apiKeys.all.map(\.tokenHash) == [APITokens.digest(made.token)])
            let unknown = await #expect(throws: BadgeCoreError.self) {
                try await setup.administration.createKey(institution: "nowhere.example", role: .admin, label: "x")
            }
            #expect(unknown?.code == .notFound)
            #expect(unknown?.field == "institution")
            let now = setup.world.clock.now()
            _ = try await setup.world.catalog.update(Institution.self, id: setup.world.tree.institution.id, by: "test") { record, _ in
                var archived = record
                archived.archivedAt = now
                return archived
            }
            let archived = await #expect(throws: BadgeCoreError.self) {
                try await setup.administration.createKey(institution: identifier, role: .admin, label: "x")
            }
            #expect(archived?.code == .conflict)
        }
    }

    @Test func aRegistrationLinkWorksOnceAndOnlyUntilItExpires() async throws {
        try await withAdministration { setup async throws in
            let link = try await setup.administration.makeRegistrationURL(institution: setup.world.tree.institution.identifier, validFor: 3600)
            let secret = String(try #require(link.url.split(separator: "/").last))
            #expect(link.url.hasPrefix("https://badges.test/lti/register/"))
            let expired = try await setup.administration.makeRegistrationURL(institution: setup.world.tree.institution.identifier, validFor: 60)
            let now = setup.world.clock.now()
            #expect(try await setup.links.consume(secret: secret, now: now) == setup.world.tree.institution.id)
            #expect(try await setup.links.consume(secret: secret, now: now) == nil)
            let expiredSecret = String(try #require(expired.url.split(separator: "/").last))
            #expect(try await setup.links.consume(secret: expiredSecret, now: now + 61) == nil)
        }
    }

    @Test func theCommandLineRevocationUsesTheDomainReasonRule() async throws {
        try await withAdministration { setup async throws in
            let micro = try setup.world.microCredential
            let outcome = try await setup.administration.award(
                badgeClassID: micro.id,
                recipients: [Recipient(type: .email, identity: "ada@example.org"), Recipient(type: .email, identity: "bad")]
            ) { _ in }
            #expect(outcome.created == 1)
            #expect(outcome.failures.count == 1)
            let assertion = try #require(
                try await setup.world.assertions.held(
                    recipientKey: Recipient(type: .email, identity: "ada@example.org").key,
                    institutionID: micro.institutionID,
                    limit: 10
                ).first
            )
            let blank = await #expect(throws: BadgeCoreError.self) { try await setup.administration.revokeAssertion(id: assertion.id, reason: " ") }
            #expect(blank?.field == "reason")
            #expect(try await setup.administration.revokeAssertion(id: assertion.id, reason: "issued in error"))
            #expect(try await setup.administration.revokeAssertion(id: UUID(), reason: "issued in error") == false)
        }
    }

    @Test func toolKeysRotateOnlyWhenTheyAreKept() async throws {
        try await withAdministration { setup async throws in
            #expect(try await setup.administration.toolKeySet() == nil)
            let error = await #expect(throws: IssuingError.self) { try await setup.administration.rotateToolKey() }
            #expect(error?.field == "signing.key_encryption_key")
        }
        try await withAdministration(toolKeys: true) { setup async throws in
            let first = try #require(try await setup.administration.toolKeySet())
            let rotated = try await setup.administration.rotateToolKey()
            let keys = try #require(try await setup.administration.toolKeySet())
            #expect(keys.current.kid == rotated.kid)
            #expect(keys.published.map(\.kid).contains(first.current.kid))
        }
    }
}
