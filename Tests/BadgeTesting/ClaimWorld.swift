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

    /// The recipient `person<n>@example.org`.
    public static func person(_ number: Int) -> Recipient {
        Recipient(type: .email, identity: "person\(number)@example.org")
    }

    /// How many of `people` hold the sample micro-credential.
    public func holders(_ people: [Recipient]) async throws -> Int {
        try await issuing.assertions.existing(badgeClassID: try issuing.microCredential.id, recipientKeys: people.map(\.key)).count
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
