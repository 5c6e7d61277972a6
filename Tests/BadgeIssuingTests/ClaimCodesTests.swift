import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import Testing

/// Claim codes through the ports, on the fakes, SQLite and PostgreSQL: limits (one after the
/// other and all at once), expiry, evidence and review, and the audit trail.
@Suite("Claim codes")
struct ClaimCodesTests {
    private func claim(_ world: ClaimWorld, _ secret: String, _ person: Int, evidenceURL: String? = nil) async throws -> ClaimCodes.Outcome {
        try await world.claims.claim(secret: secret, recipient: ClaimWorld.person(person), evidenceURL: evidenceURL, evidenceText: nil)
    }

    @Test(arguments: StorageBackend.all)
    func aCodeIssuesUpToItsLimitAndThenSaysItIsUsedUp(backend: StorageBackend) async throws {
        try await ClaimWorld.with(backend) { world async throws in
            let made = try await world.makeCode(maxUses: 3)
            #expect(made.secret.count == 19)
            for person in 1...3 {
                guard case .issued(let claim, let assertion) = try await claim(world, made.secret.lowercased(), person) else {
                    Issue.record("claim \(person) was not issued")
                    return
                }
                #expect(claim.assertionID == assertion.id)
            }
            for person in 4...5 {
                let error = await #expect(throws: BadgeCoreError.self) { try await claim(world, made.secret, person) }
                #expect(error?.code == .claimCodeUsedUp)
                #expect(error?.message == "This code has been used up")
            }
            #expect(try await world.holders((1...5).map(ClaimWorld.person)) == 3)
            #expect(try await world.store.code(id: made.code.id)?.uses == 3)
            #expect(try await world.audit(action: "claim.issue").count == 3)
            #expect(try await world.audit(action: "claim_code.create").map(\.id) == [made.code.id])
            // Each issued claim queues the award's follow-up (stacking) as every award does.
            let now = world.issuing.clock.now()
            let topics = try await world.issuing.outbox.claim(limit: 10, owner: "t", now: now, leaseUntil: now + 60).map(\.topic)
            #expect(topics == Array(repeating: .assertionStored, count: 3))
        }
    }

    @Test(arguments: StorageBackend.all)
    func concurrentClaimsOnALimitedCodeGiveExactlyTheLimit(backend: StorageBackend) async throws {
        try await ClaimWorld.with(backend) { world async throws in
            let (limit, extra) = (5, 7)
            let made = try await world.makeCode(maxUses: limit)
            let outcomes = await withTaskGroup(of: String.self) { group in
                for person in 1...(limit + extra) {
                    group.addTask {
                        do {
                            if case .issued = try await claim(world, made.secret, person) { return "issued" }
                            return "other"
                        } catch let error as BadgeCoreError {
                            return error.code.description
                        } catch {
                            return "failed: \(error)"
                        }
                    }
                }
                return await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
            }
            #expect(outcomes == ["issued": limit, "claim_code_used_up": extra])
            #expect(try await world.holders((1...(limit + extra)).map(ClaimWorld.person)) == limit)
            #expect(try await world.store.code(id: made.code.id)?.uses == limit)
            #expect(try await world.audit(action: "award").count == limit)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aPersonClaimsOnceAndSomeoneHoldingTheBadgeTakesNoUse(backend: StorageBackend) async throws {
        try await ClaimWorld.with(backend) { world async throws in
            let made = try await world.makeCode(maxUses: 2)
            guard case .issued(_, let first) = try await claim(world, made.secret, 1) else { throw TestSetupError("not issued") }
            guard case .issued(_, let again) = try await claim(world, made.secret, 1) else { throw TestSetupError("not issued again") }
            #expect(again.id == first.id)
            // Person 2 got the badge by an ordinary award first: the code's use stays free.
            _ = try await world.issuing.awarder().award(
                [AwardInput(recipient: ClaimWorld.person(2))],
                of: try world.issuing.microCredential,
                actor: "test",
                failFast: true
            )
            guard case .alreadyHeld = try await claim(world, made.secret, 2) else { throw TestSetupError("not already held") }
            #expect(try await world.store.code(id: made.code.id)?.uses == 1)
            guard case .issued = try await claim(world, made.secret, 3) else { throw TestSetupError("the free use was not there") }
        }
    }

    @Test(arguments: StorageBackend.all)
    func anExpiredOrDisabledCodeSaysSoAndAnUnknownOneIsNotFound(backend: StorageBackend) async throws {
        try await ClaimWorld.with(backend) { world async throws in
            let expiring = try await world.makeCode(expiresIn: 60)
            let disabled = try await world.makeCode()
            _ = try await world.claims.disable(id: disabled.code.id, actor: "test", allowed: ClaimWorld.anyone)
            world.issuing.clock.advance(by: 61)
            let expired = await #expect(throws: BadgeCoreError.self) { try await claim(world, expiring.secret, 1) }
            #expect(expired?.code == .claimCodeExpired)
            #expect(expired?.message == "This code has expired")
            let off = await #expect(throws: BadgeCoreError.self) { try await claim(world, disabled.secret, 1) }
            #expect(off?.code == .claimCodeDisabled)
            for typed in ["AAAA-BBBB-CCCC-DDDD", "not a code", ""] {
                let unknown = await #expect(throws: BadgeCoreError.self) { try await claim(world, typed, 1) }
                #expect(unknown?.code == .notFound)
            }
            #expect(try await world.holders([ClaimWorld.person(1)]) == 0)
            #expect(try await world.audit(action: "claim_code.disable").map(\.id) == [disabled.code.id])
            let past = await #expect(throws: BadgeCoreError.self) { try await world.makeCode(expiresIn: -1) }
            #expect(past?.field == "expires_at")
            let zero = await #expect(throws: BadgeCoreError.self) { try await world.makeCode(maxUses: 0) }
            #expect(zero?.field == "max_uses")
        }
    }

    @Test(arguments: StorageBackend.all)
    func evidenceClaimsWaitForReviewAndOnlyApprovalIssues(backend: StorageBackend) async throws {
        try await ClaimWorld.with(backend) { world async throws in
            let made = try await world.makeCode(maxUses: 2, requiresEvidence: true)
            let missing = await #expect(throws: BadgeCoreError.self) { try await claim(world, made.secret, 1) }
            #expect(missing?.field == "evidence")
            let badURL = await #expect(throws: BadgeCoreError.self) { try await claim(world, made.secret, 1, evidenceURL: "javascript:alert(1)") }
            #expect(badURL?.field == "evidence_url")
            guard case .pending(let first) = try await claim(world, made.secret, 1, evidenceURL: "https://portfolio.example.org/ada") else {
                throw TestSetupError("not pending")
            }
            guard case .pending(let second) = try await claim(world, made.secret, 2, evidenceURL: "https://portfolio.example.org/bob") else {
                throw TestSetupError("not pending")
            }
            #expect(try await world.holders([ClaimWorld.person(1), ClaimWorld.person(2)]) == 0)
            // Both uses are taken while the claims wait.
            let full = await #expect(throws: BadgeCoreError.self) { try await claim(world, made.secret, 3, evidenceURL: "https://example.org/c") }
            #expect(full?.code == .claimCodeUsedUp)
            #expect(try await world.claims.pending(institutionID: nil).map(\.id) == [first.id, second.id])

            let approved = try await world.claims.approve(claimID: first.id, comment: "well done", actor: "key:mentor", allowed: ClaimWorld.anyone)
            #expect(approved.state == .issued)
            let held = try await world.issuing.assertions.existing(badgeClassID: first.badgeClassID, recipientKeys: [first.recipientKey])
            #expect(held[first.recipientKey]?.assertion.id == approved.assertionID)
            #expect(held[first.recipientKey]?.assertion.evidence.first?.url == "https://portfolio.example.org/ada")
            let twice = await #expect(throws: BadgeCoreError.self) {
                try await world.claims.approve(claimID: first.id, comment: nil, actor: "key:mentor", allowed: ClaimWorld.anyone)
            }
            #expect(twice?.code == .conflict)

            let denied = try await world.claims.deny(
                claimID: second.id,
                comment: "the link shows no work",
                actor: "key:mentor",
                allowed: ClaimWorld.anyone
            )
            #expect(denied.state == .denied)
            #expect(denied.comment == "the link shows no work")
            #expect(try await world.holders([ClaimWorld.person(2)]) == 0)
            #expect(try await world.store.code(id: made.code.id)?.uses == 1)
            guard case .denied = try await claim(world, made.secret, 2, evidenceURL: "https://example.org/again") else {
                throw TestSetupError("not denied")
            }
            #expect(try await world.claims.pending(institutionID: nil).isEmpty)
            #expect(try await world.audit(action: "claim.submit").map(\.id) == [first.id, second.id])
            #expect(try await world.audit(action: "claim.approve").map(\.actor) == ["key:mentor"])
            #expect(try await world.audit(action: "claim.deny").map(\.id) == [second.id])
            let refused = await #expect(throws: BadgeCoreError.self) {
                try await world.claims.deny(claimID: first.id, comment: nil, actor: "key:other", allowed: { _ in false })
            }
            #expect(refused?.code == .forbidden)
        }
    }

    @Test(arguments: StorageBackend.all)
    func erasingAPersonDeletesTheirClaimsAndGivesWaitingUsesBack(backend: StorageBackend) async throws {
        try await ClaimWorld.with(backend) { world async throws in
            let made = try await world.makeCode(maxUses: 1, requiresEvidence: true)
            guard case .pending(let waiting) = try await claim(world, made.secret, 1, evidenceURL: "https://example.org/work") else {
                throw TestSetupError("not pending")
            }
            #expect(try await world.store.erase(recipientKey: ClaimWorld.person(2).key, institutionID: nil, actor: "test") == 0)
            #expect(try await world.store.erase(recipientKey: ClaimWorld.person(1).key, institutionID: nil, actor: "test") == 1)
            #expect(try await world.store.claim(id: waiting.id) == nil)
            #expect(try await world.store.code(id: made.code.id)?.uses == 0)
            #expect(try await world.audit(action: "claim.erase").map(\.id) == [waiting.id])
            guard case .pending = try await claim(world, made.secret, 2, evidenceURL: "https://example.org/other") else {
                throw TestSetupError("the use did not come back")
            }
        }
    }
}
