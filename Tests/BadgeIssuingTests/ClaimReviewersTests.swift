import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import OpenBadges
import Testing

/// Reviewer access links through the ports, in memory and on each SQL engine: a link spent once
/// starts a reviewer session of its scope, whose reviews are audited as the link, and which is
/// no student's session.
@Suite("Claim reviewers through the ports")
struct ClaimReviewersTests {
    static func reviewers(_ world: ClaimWorld) throws -> (ClaimReviewers, StudentAccess) {
        let (reviewers, access, _) = try reviewersAndStore(world)
        return (reviewers, access)
    }

    static func reviewersAndStore(_ world: ClaimWorld) throws -> (ClaimReviewers, StudentAccess, any StudentSessionStore) {
        let sessions: any StudentSessionStore =
            if let database = world.issuing.database { SQLStudentSessionStore(database: database) } else { InMemoryStudentSessionStore() }
        let reviewers = ClaimReviewers(
            store: sessions,
            claims: world.claims,
            catalog: world.issuing.catalog,
            random: SystemRandomSource(),
            ids: world.issuing.ids,
            clock: world.issuing.clock
        )
        let access = StudentAccess(
            store: sessions,
            spent: InMemoryReplayGuard(),
            assertions: world.issuing.assertions,
            encryption: try KeyEncryption(secret: [UInt8](repeating: 7, count: 32)),
            random: SystemRandomSource(),
            clock: world.issuing.clock
        )
        return (reviewers, access, sessions)
    }

    @Test(arguments: StorageBackend.all)
    func aLinkStartsOneReviewerSessionWhoseReviewsAreAuditedAsTheLink(backend: StorageBackend) async throws {
        try await ClaimWorld.with(backend) { world async throws in
            let (reviewers, access) = try Self.reviewers(world)
            let made = try await world.makeCode(maxUses: 3, requiresEvidence: true)
            var claimIDs: [UUID] = []
            for person in 1...2 {
                let outcome = try await world.claims.claim(
                    secret: made.secret,
                    recipient: ClaimWorld.person(person),
                    evidenceURL: "https://portfolio.example.org/\(person)",
                    evidenceText: nil
                )
                guard case .pending(let claim) = outcome else { throw TestSetupError("claim \(person) does not wait") }
                claimIDs.append(claim.id)
            }
            let micro = try world.issuing.microCredential
            let link = try await reviewers.issueLink(
                institutionID: nil,
                badgeClassID: micro.id,
                lifetime: 600,
                actor: "key:k1",
                allowed: ClaimWorld.anyone
            )
            #expect(link.scope.institutionID == micro.institutionID)
            #expect(try await reviewers.enter(token: String(repeating: "a", count: 64)) == nil)
            let started = try #require(try await reviewers.enter(token: link.token))
            #expect(try await reviewers.enter(token: link.token) == nil)
            // A reviewer session opens no wallet, and a student entrance does not take the link.
            #expect(try await access.session(cookieToken: started.cookieToken) == nil)
            let reviewer = try #require(try await reviewers.reviewer(cookieToken: started.cookieToken))
            #expect(reviewer.scope == link.scope)

            let pending = try await reviewers.pending(for: reviewer)
            #expect(Set(pending.map(\.id)) == Set(claimIDs))
            let names = pending.map { ClaimReviewers.pseudonym(of: $0, for: reviewer) }
            #expect(Set(names).count == 2)
            #expect(names.allSatisfy { $0.range(of: #"^[0-9A-F]{4}-[0-9A-F]{4}$"#, options: .regularExpression) != nil })

            let approved = try await reviewers.approve(claimID: claimIDs[0], comment: "Good", by: reviewer)
            #expect(approved.state == .issued)
            let denied = try await reviewers.deny(claimID: claimIDs[1], comment: nil, by: reviewer)
            #expect(denied.state == .denied)
            #expect(try await world.audit(action: "claim.approve").map(\.actor) == [link.scope.actor])
            #expect(try await world.audit(action: "claim.deny").map(\.actor) == [link.scope.actor])
            #expect(try await world.store.code(id: made.code.id)?.uses == 1)
            #expect(try await world.holders([ClaimWorld.person(1)]) == 1)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aReviewerOfAnotherClassOrInstitutionCannotReviewAClaim(backend: StorageBackend) async throws {
        try await ClaimWorld.with(backend) { world async throws in
            let (reviewers, _) = try Self.reviewers(world)
            let made = try await world.makeCode(requiresEvidence: true)
            guard
                case .pending(let claim) = try await world.claims.claim(
                    secret: made.secret,
                    recipient: ClaimWorld.person(1),
                    evidenceURL: nil,
                    evidenceText: "I did it"
                )
            else { throw TestSetupError("the claim does not wait") }
            let micro = try world.issuing.microCredential
            let other = try #require(world.issuing.tree.badgeClasses.first { $0.id != micro.id })
            let classLink = try await reviewers.issueLink(
                institutionID: nil,
                badgeClassID: other.id,
                lifetime: nil,
                actor: "key:k1",
                allowed: ClaimWorld.anyone
            )
            let foreign = ClaimReviewScope(linkID: UUID(), institutionID: UUID(), badgeClassID: nil)
            #expect(!foreign.covers(claim))
            #expect(ClaimReviewScope(key: foreign.key) == foreign)
            #expect(ClaimReviewScope(key: String(repeating: "a", count: 64)) == nil)
            let started = try #require(try await reviewers.enter(token: classLink.token))
            #expect(try await reviewers.pending(for: started.reviewer).isEmpty)
            let error = await #expect(throws: BadgeCoreError.self) {
                try await reviewers.approve(claimID: claim.id, comment: nil, by: started.reviewer)
            }
            #expect(error?.code == .notFound)
            #expect(try await world.store.claim(id: claim.id)?.state == .pending)

            // Links name an institution or a class, within what the caller may do, for at most 7 days.
            let refused = await #expect(throws: BadgeCoreError.self) {
                try await reviewers.issueLink(institutionID: micro.institutionID, badgeClassID: nil, lifetime: nil, actor: "key:k1") { _ in false }
            }
            #expect(refused?.code == .forbidden)
            let unnamed = await #expect(throws: BadgeCoreError.self) {
                try await reviewers.issueLink(institutionID: nil, badgeClassID: nil, lifetime: nil, actor: "key:k1", allowed: ClaimWorld.anyone)
            }
            #expect(unnamed?.field == "institution_id")
            let long = await #expect(throws: BadgeCoreError.self) {
                try await reviewers.issueLink(
                    institutionID: micro.institutionID,
                    badgeClassID: nil,
                    lifetime: 604_801,
                    actor: "key:k1",
                    allowed: ClaimWorld.anyone
                )
            }
            #expect(long?.field == "expires_in")
            let mismatch = await #expect(throws: BadgeCoreError.self) {
                try await reviewers.issueLink(
                    institutionID: UUID(),
                    badgeClassID: micro.id,
                    lifetime: nil,
                    actor: "key:k1",
                    allowed: ClaimWorld.anyone
                )
            }
            #expect(mismatch?.field == "badge_class_id")
        }
    }

    @Test(arguments: StorageBackend.all)
    func aClassLinkListsItsClaimsBehindMoreThanFiveHundredOfAnotherClass(backend: StorageBackend) async throws {
        try await ClaimWorld.with(backend) { world async throws in
            let (reviewers, _) = try Self.reviewers(world)
            let micro = try world.issuing.microCredential
            let other = try #require(world.issuing.tree.badgeClasses.first { $0.id != micro.id && $0.institutionID == micro.institutionID })
            let busy = try await world.claims.create(
                badgeClassID: other.id,
                label: "Open day",
                maxUses: nil,
                expiresAt: nil,
                requiresEvidence: true,
                actor: "test",
                allowed: ClaimWorld.anyone
            )
            // 501 older claims of the other class fill the institution's first 500 by themselves.
            try await world.fileWaitingClaims(501, code: busy.code, age: 3600)
            let made = try await world.makeCode(requiresEvidence: true)
            guard
                case .pending(let claim) = try await world.claims.claim(
                    secret: made.secret,
                    recipient: ClaimWorld.person(1),
                    evidenceURL: nil,
                    evidenceText: "My poster"
                )
            else { throw TestSetupError("the claim does not wait") }

            let classLink = try await reviewers.issueLink(
                institutionID: nil,
                badgeClassID: micro.id,
                lifetime: 600,
                actor: "key:k1",
                allowed: ClaimWorld.anyone
            )
            let classReviewer = try #require(try await reviewers.enter(token: classLink.token)).reviewer
            #expect(try await reviewers.pending(for: classReviewer).map(\.id) == [claim.id])
            let institutionLink = try await reviewers.issueLink(
                institutionID: micro.institutionID,
                badgeClassID: nil,
                lifetime: 600,
                actor: "key:k1",
                allowed: ClaimWorld.anyone
            )
            let institutionReviewer = try #require(try await reviewers.enter(token: institutionLink.token)).reviewer
            let all = try await reviewers.pending(for: institutionReviewer)
            #expect(all.count == 500)
            #expect(all.allSatisfy { $0.badgeClassID == other.id })
            #expect(try await world.claims.pending(institutionID: micro.institutionID, badgeClassID: other.id, limit: 10).count == 10)
            #expect(try await world.claims.pending(institutionID: nil, badgeClassID: micro.id).map(\.id) == [claim.id])
        }
    }

    @Test(arguments: StorageBackend.all)
    func issuingALinkIsAuditedWithWhoScopeAndExpiryButNoSecret(backend: StorageBackend) async throws {
        try await ClaimWorld.with(backend) { world async throws in
            let (reviewers, _, sessions) = try Self.reviewersAndStore(world)
            let micro = try world.issuing.microCredential
            let classLink = try await reviewers.issueLink(
                institutionID: nil,
                badgeClassID: micro.id,
                lifetime: 600,
                actor: "key:k1",
                allowed: ClaimWorld.anyone
            )
            let wholeLink = try await reviewers.issueLink(
                institutionID: micro.institutionID,
                badgeClassID: nil,
                lifetime: 7200,
                actor: "cli",
                allowed: ClaimWorld.anyone
            )
            // A refused link writes nothing.
            _ = try? await reviewers.issueLink(institutionID: micro.institutionID, badgeClassID: nil, lifetime: nil, actor: "key:k2") { _ in false }
            let rows: [(id: UUID, institutionID: UUID?, actor: String, detail: String)]
            if let stored = try await world.auditRows(action: ClaimReviewScope.issueAuditAction) {
                #expect(stored.allSatisfy { $0.kind == "claim_review_link" })
                rows = try stored.map { row in
                    guard let id = UUID(uuidString: row.id), let institution = row.institutionID.flatMap(UUID.init(uuidString:)),
                        let detail = row.detail
                    else { throw TestSetupError("bad audit row") }
                    return (id, institution, row.actor, detail)
                }
            } else {
                let memory = try #require(sessions as? InMemoryStudentSessionStore)
                rows = await memory.audit.map { ($0.id, $0.institutionID, $0.actor, $0.detail) }
            }
            try #require(rows.count == 2)
            let byLink = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
            let classRow = try #require(byLink[classLink.scope.linkID])
            #expect(classRow.actor == "key:k1")
            #expect(classRow.institutionID == micro.institutionID)
            #expect(classRow.detail == "badge_class:\(micro.id.uuidString.lowercased()) expires_at:\(classLink.expiresAt.formatted(.iso8601))")
            let wholeRow = try #require(byLink[wholeLink.scope.linkID])
            #expect(wholeRow.actor == "cli")
            #expect(wholeRow.detail == "institution expires_at:\(wholeLink.expiresAt.formatted(.iso8601))")
            #expect(wholeLink.expiresAt.timeIntervalSince(world.issuing.clock.now()) == 7200)
            for (link, row) in [(classLink, classRow), (wholeLink, wholeRow)] {
                #expect(!row.detail.contains(link.token))
                #expect(!row.detail.contains(Digest.sha256Hex(link.token)))
            }
        }
    }
}
