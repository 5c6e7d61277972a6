public import BadgeCore
public import Foundation
import SQLKit

extension SQLClaimCodeStore {
    /// Why a redeeming transaction was rolled back: what the caller gets instead.
    private struct Undone: Error {
        let redemption: ClaimRedemption?
    }

    public func redeem(_ claim: Claim, award: NewAssertion?, at date: Date, actor: String) async throws -> ClaimRedemption {
        let assertionBody = try award.map { try RowCoding.encode($0.assertion) }
        let (audit, numbering) = (database.auditLog, database.credentialNumbering)
        do {
            return try await database.transaction { db in
                if let earlier = try await Self.claim(codeID: claim.codeID, recipientKey: claim.recipientKey, in: db) {
                    return .alreadyClaimed(earlier)
                }
                let taken = try await db.raw(
                    """
                    UPDATE claim_codes SET uses = uses + 1 WHERE id = \(bind: claim.codeID.sqlText) AND disabled_at IS NULL \
                    AND (max_uses IS NULL OR uses < max_uses) AND (expires_at IS NULL OR expires_at > \(bind: date.unixSeconds)) RETURNING id
                    """
                ).all()
                guard !taken.isEmpty else {
                    guard let code = try await Self.code(where: "id", claim.codeID.sqlText, in: db) else {
                        throw BadgeCoreError(.notFound, "no claim code with that id")
                    }
                    return .refused(code.refusal(at: date) ?? .usedUp)
                }
                var stored = claim
                var outcome: AwardOutcome?
                if let award, let assertionBody {
                    let outcomes = try await SQLAssertionStore.insert([award], encoded: [assertionBody], audit: audit, numbering: numbering, in: db)
                    guard case .created(let assertion, _) = outcomes.first else {
                        // The person holds the badge already: give the use back by undoing everything.
                        throw Undone(redemption: outcomes.first.map { .alreadyHeld($0.assertion) })
                    }
                    stored.assertionID = assertion.id
                    outcome = outcomes.first
                }
                let inserted = try await db.insert(into: "claims")
                    .columns("id", "code_id", "badge_class_id", "institution_id", "recipient_key", "state", "body", "created_at")
                    .values(
                        SQLBind(stored.id.sqlText),
                        SQLBind(stored.codeID.sqlText),
                        SQLBind(stored.badgeClassID.sqlText),
                        SQLBind(stored.institutionID.sqlText),
                        SQLBind(stored.recipientKey),
                        SQLBind(stored.state.rawValue),
                        SQLBind(try RowCoding.encode(stored)),
                        SQLBind(stored.createdAt.unixSeconds)
                    )
                    .ignoringConflicts(with: ["code_id", "recipient_key"]).returning("id").all()
                // The same person claiming twice at once: the other claim won; undo this one.
                guard !inserted.isEmpty else { throw Undone(redemption: nil) }
                try await audit.append(
                    action: outcome == nil ? "claim.submit" : "claim.issue",
                    entityKind: "claim",
                    id: stored.id,
                    institutionID: stored.institutionID,
                    actor: actor,
                    detail: stored.assertionID.map { "assertion:" + $0.sqlText },
                    in: db
                )
                if let outcome { return .issued(stored, outcome) }
                return .pending(stored)
            }
        } catch let undone as Undone {
            if let redemption = undone.redemption { return redemption }
            guard
                let earlier = try await database.read({ db in try await Self.claim(codeID: claim.codeID, recipientKey: claim.recipientKey, in: db) })
            else { throw BadgeCoreError(.conflict, "a claim with this code conflicted and none holds it") }
            return .alreadyClaimed(earlier)
        }
    }

    public func approve(claimID: UUID, award: NewAssertion, comment: String?, at date: Date, actor: String) async throws -> Claim? {
        let assertionBody = try RowCoding.encode(award.assertion)
        let (audit, numbering) = (database.auditLog, database.credentialNumbering)
        return try await database.transaction { db in
            guard var claim = try await Self.pendingClaim(claimID, in: db) else { return nil }
            let outcomes = try await SQLAssertionStore.insert([award], encoded: [assertionBody], audit: audit, numbering: numbering, in: db)
            claim.state = .issued
            claim.assertionID = outcomes.first?.assertion.id
            claim.comment = comment
            claim.reviewedAt = Date(unixSeconds: date.unixSeconds)
            try await Self.update(claim, in: db)
            try await audit.append(
                action: "claim.approve",
                entityKind: "claim",
                id: claim.id,
                institutionID: claim.institutionID,
                actor: actor,
                detail: claim.assertionID.map { "assertion:" + $0.sqlText },
                in: db
            )
            return claim
        }
    }

    public func deny(claimID: UUID, comment: String?, at date: Date, actor: String) async throws -> Claim? {
        try await database.transaction { [audit = database.auditLog] db in
            guard var claim = try await Self.pendingClaim(claimID, in: db) else { return nil }
            claim.state = .denied
            claim.comment = comment
            claim.reviewedAt = Date(unixSeconds: date.unixSeconds)
            try await Self.update(claim, in: db)
            try await db.raw("UPDATE claim_codes SET uses = uses - 1 WHERE id = \(bind: claim.codeID.sqlText) AND uses > 0").run()
            try await audit.append(action: "claim.deny", entityKind: "claim", id: claim.id, institutionID: claim.institutionID, actor: actor, in: db)
            return claim
        }
    }

    public func erase(recipientKey: String, institutionID: UUID?, actor: String) async throws -> Int {
        try await database.transaction { [audit = database.auditLog] db in
            let query = db.select().column("body").from("claims").where("recipient_key", .equal, recipientKey)
            if let institutionID { query.where("institution_id", .equal, institutionID.sqlText) }
            let claims = try await query.for(.update).all().map(Self.claim(from:))
            for claim in claims {
                if claim.state == .pending {
                    try await db.raw("UPDATE claim_codes SET uses = uses - 1 WHERE id = \(bind: claim.codeID.sqlText) AND uses > 0").run()
                }
                try await db.delete(from: "claims").where("id", .equal, claim.id.sqlText).run()
                try await audit.append(
                    action: "claim.erase",
                    entityKind: "claim",
                    id: claim.id,
                    institutionID: claim.institutionID,
                    actor: actor,
                    in: db
                )
            }
            return claims.count
        }
    }

    /// The claim, locked for the review; nil when there is none.
    /// - Throws: ``BadgeCoreError`` `.conflict` when it is no longer pending.
    private static func pendingClaim(_ id: UUID, in db: any SQLDatabase) async throws -> Claim? {
        guard let row = try await db.select().column("body").from("claims").where("id", .equal, id.sqlText).for(.update).first() else {
            return nil
        }
        let claim = try claim(from: row)
        guard claim.state == .pending else { throw BadgeCoreError(.conflict, "that claim was already reviewed (\(claim.state.rawValue))") }
        return claim
    }

    private static func update(_ claim: Claim, in db: any SQLDatabase) async throws {
        try await db.update("claims").set("state", to: SQLBind(claim.state.rawValue)).set("body", to: SQLBind(try RowCoding.encode(claim)))
            .where("id", .equal, claim.id.sqlText).run()
    }

    private static func claim(codeID: UUID, recipientKey: String, in db: any SQLDatabase) async throws -> Claim? {
        try await db.select().column("body").from("claims").where("code_id", .equal, codeID.sqlText)
            .where("recipient_key", .equal, recipientKey).first().map(claim(from:))
    }
}
