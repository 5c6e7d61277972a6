public import BadgeCore
public import BadgeIssuing
import BadgeStorage
public import Foundation
import SQLKit

/// The claim-code ports and use case on one backend, on top of an ``IssuingWorld``, wired as the
/// server's composition does (claims award through the world's awarder and assertion store).
public struct ClaimWorld: Sendable {
    /// The issuing path underneath.
    public let issuing: IssuingWorld
    /// The claim-code store of the backend.
    public let store: any ClaimCodeStore
    /// The use case.
    public let claims: ClaimCodes

    /// Runs `body` in a fresh world on `backend`.
    public static func with<R>(_ backend: StorageBackend, _ body: (ClaimWorld) async throws -> R) async throws -> R {
        try await IssuingWorld.with(backend) { issuing in
            let store: any ClaimCodeStore =
                if let database = issuing.database { SQLClaimCodeStore(database: database) } else {
                    InMemoryClaimCodeStore(assertions: issuing.assertions)
                }
            let claims = ClaimCodes(store: store, awarder: issuing.awarder(), random: SystemRandomSource(), ids: issuing.ids, clock: issuing.clock)
            return try await body(ClaimWorld(issuing: issuing, store: store, claims: claims))
        }
    }

    /// Whoever may act: every institution.
    public static let anyone: @Sendable (UUID) -> Bool = { _ in true }

    /// Makes a code for the sample micro-credential.
    public func makeCode(maxUses: Int? = nil, expiresIn: TimeInterval? = nil, requiresEvidence: Bool = false) async throws -> ClaimCodes.Made {
        try await claims.create(
            badgeClassID: try issuing.microCredential.id,
            label: "Open day",
            maxUses: maxUses,
            expiresAt: expiresIn.map { issuing.clock.now().addingTimeInterval($0) },
            requiresEvidence: requiresEvidence,
            actor: "test",
            allowed: Self.anyone
        )
    }

    /// Files `count` claims waiting for review with `code`, from `waiting<n>@example.org`, made
    /// `age` seconds before now (so they come first, oldest first): on SQL in one multi-row
    /// INSERT (the claims only; the code's uses are not counted up), in memory through the store.
    public func fileWaitingClaims(_ count: Int, code: ClaimCode, age: TimeInterval) async throws {
        let createdAt = issuing.clock.now().addingTimeInterval(-age)
        let claims = (0..<count).map { number in
            let recipient = Recipient(type: .email, identity: "waiting\(number)@example.org")
            return Claim(
                id: issuing.ids.makeID(),
                codeID: code.id,
                badgeClassID: code.badgeClassID,
                institutionID: code.institutionID,
                recipientKey: recipient.key,
                recipient: HashedRecipient(type: .email, identity: "sha256$" + String(repeating: "0", count: 64), salt: "salt"),
                evidence: Assertion.Evidence(narrative: "waiting \(number)"),
                state: .pending,
                createdAt: createdAt
            )
        }
        guard let database = issuing.database else {
            for claim in claims { _ = try await store.redeem(claim, award: nil, at: createdAt, actor: "test") }
            return
        }
        let rows = try claims.map { claim in
            (claim, String(decoding: try JSONEncoder().encode(claim), as: UTF8.self))
        }
        try await database.transaction { db in
            let insert = db.insert(into: "claims")
                .columns("id", "code_id", "badge_class_id", "institution_id", "recipient_key", "state", "body", "created_at")
            for (claim, body) in rows {
                insert.values(
                    SQLBind(claim.id.uuidString.lowercased()),
                    SQLBind(claim.codeID.uuidString.lowercased()),
                    SQLBind(claim.badgeClassID.uuidString.lowercased()),
                    SQLBind(claim.institutionID.uuidString.lowercased()),
                    SQLBind(claim.recipientKey),
                    SQLBind(claim.state.rawValue),
                    SQLBind(body),
                    SQLBind(Int64(claim.createdAt.timeIntervalSince1970.rounded(.down)))
                )
            }
            try await insert.run()
        }
    }

    /// The recipient `person<n>@example.org`.
    public static func person(_ number: Int) -> Recipient {
        Recipient(type: .email, identity: "person\(number)@example.org")
    }

    /// How many of `people` hold the sample micro-credential.
    public func holders(_ people: [Recipient]) async throws -> Int {
        try await issuing.assertions.existing(badgeClassID: try issuing.microCredential.id, recipientKeys: people.map(\.key)).count
    }

    /// The rows of `audit_log` with this action in full, in order; nil on the in-memory backend.
    public func auditRows(action: String) async throws -> [(kind: String, id: String, institutionID: String?, actor: String, detail: String?)]? {
        try await issuing.auditRows(action: action)
    }

    /// The audit rows with this action: entity id and actor, in order (assertion awards included).
    public func audit(action: String) async throws -> [(id: UUID, actor: String)] {
        guard let database = issuing.database else {
            guard let memory = store as? InMemoryClaimCodeStore, let assertions = issuing.assertions as? InMemoryAssertionStore else {
                throw TestSetupError("no in-memory claim and assertion stores")
            }
            let rows = await memory.audit.map { ($0.action, $0.id, $0.actor) } + assertions.audit.map { ($0.action, $0.id, $0.actor) }
            return rows.filter { $0.0 == action }.map { ($0.1, $0.2) }
        }
        return try await database.session { db in
            try await db.raw("SELECT entity_id, actor FROM audit_log WHERE action = \(bind: action) ORDER BY at, id").all().map { row in
                guard let id = UUID(uuidString: try row.decode(column: "entity_id", as: String.self)) else { throw TestSetupError("bad audit id") }
                return (id, try row.decode(column: "actor", as: String.self))
            }
        }
    }
}
