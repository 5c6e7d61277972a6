public import BadgeCore
public import BadgeIssuing
import BadgeStorage
public import Foundation
import Logging
import OpenBadges
import SQLKit

/// The stacking ports and use cases on one backend, on top of an ``IssuingWorld`` and wired as
/// the server's composition does, with helpers to make composite badge classes (copies of the
/// sample micro-credential; the sample catalogue itself is left as it is) and to deliver the
/// outbox until nothing follows.
public struct StackingWorld: Sendable {
    public let issuing: IssuingWorld
    public let store: any StackingRuleStore
    public let rules: StackingRules
    public let awarder: Awarder
    public let stacker: Stacker

    public var clock: FixedTimeSource { issuing.clock }

    /// Runs `body` in a fresh world on `backend`.
    public static func with<R>(_ backend: StorageBackend, _ body: (StackingWorld) async throws -> R) async throws -> R {
        try await IssuingWorld.with(backend) { issuing in
            let store: any StackingRuleStore = issuing.database.map { SQLStackingRuleStore(database: $0) } ?? InMemoryStackingRuleStore()
            let awarder = issuing.awarder()
            let stacker = Stacker(
                rules: store,
                catalog: issuing.catalog,
                assertions: issuing.assertions,
                awarder: awarder,
                revoker: issuing.revoker,
                urls: issuing.documents.urls,
                clock: issuing.clock
            )
            let world = StackingWorld(
                issuing: issuing,
                store: store,
                rules: StackingRules(rules: store, catalog: issuing.catalog, clock: issuing.clock),
                awarder: awarder,
                stacker: stacker
            )
            return try await body(world)
        }
    }

    /// The sample badge class with this English name.
    public func unit(_ name: String) throws -> Record<BadgeClass> {
        guard let found = issuing.tree.badgeClasses.first(where: { $0.name.en == name }) else { throw TestSetupError("no sample class \(name)") }
        return found
    }

    /// A new composite badge class of the sample institution: a copy of the sample
    /// micro-credential with this name and EC.
    public func makeComposite(_ name: String, ects: Double = 30) async throws -> Record<BadgeClass> {
        var content = try issuing.microCredential.content
        content.name = LocalizedText(en: name, nl: name)
        content.ects = ects
        let record = Record(
            id: issuing.ids.makeID(),
            institutionID: issuing.tree.institution.id,
            content: content,
            createdAt: clock.now()
        )
        try await issuing.catalog.insert(record, by: "test")
        return record
    }

    /// Awards a badge class to a recipient through the ordinary awarding path.
    @discardableResult
    public func award(_ badgeClass: Record<BadgeClass>, to recipient: Recipient) async throws -> Assertion {
        let results = try await awarder.award([AwardInput(recipient: recipient)], of: badgeClass, actor: "test", failFast: true)
        guard let id = results.first?.assertionID.flatMap(UUID.init(uuidString:)), let found = try await issuing.assertions.find(id: id) else {
            throw TestSetupError("the award stored nothing")
        }
        return found.assertion
    }

    /// The assertion of a badge class a recipient holds.
    public func held(_ badgeClass: Record<BadgeClass>, by recipient: Recipient) async throws -> Assertion? {
        try await issuing.assertions.existing(badgeClassID: badgeClass.id, recipientKeys: [recipient.key])[recipient.key]?.assertion
    }

    /// Delivers the outbox to the stacking handler until nothing is due.
    /// - Returns: the number of rounds that claimed messages (a cascade takes one per level).
    /// - Throws: when messages keep coming after `maximumRounds` rounds (a cascade that does not end).
    @discardableResult
    public func deliverAll(maximumRounds: Int = 20) async throws -> Int {
        let handler = StackingHandler(stacker: stacker)
        let delivery = OutboxDelivery(
            outbox: issuing.outbox,
            handlers: [.assertionStored: handler, .assertionRevoked: handler],
            clock: clock,
            owner: "test",
            logger: TestDatabases.logger
        )
        for round in 0..<maximumRounds {
            if try await delivery.deliverDue() == 0 { return round }
        }
        throw TestSetupError("the outbox still had messages after \(maximumRounds) rounds")
    }

    /// The audit rows with this action: entity id, actor and detail, in order.
    public func audit(action: String) async throws -> [(id: UUID, actor: String, detail: String?)] {
        guard let database = issuing.database else {
            guard let memory = store as? InMemoryStackingRuleStore, let assertions = issuing.assertions as? InMemoryAssertionStore else {
                throw TestSetupError("no in-memory stacking and assertion stores")
            }
            let rows = await memory.audit.map { ($0.action, $0.id, $0.actor, $0.detail) } + assertions.audit.map { ($0.action, $0.id, $0.actor, nil) }
            return rows.filter { $0.0 == action }.map { ($0.1, $0.2, $0.3) }
        }
        return try await database.session { db in
            try await db.raw("SELECT entity_id, actor, detail FROM audit_log WHERE action = \(bind: action) ORDER BY at, id").all().map { row in
                guard let id = UUID(uuidString: try row.decode(column: "entity_id", as: String.self)) else { throw TestSetupError("bad audit id") }
                return (id, try row.decode(column: "actor", as: String.self), try row.decode(column: "detail", as: String?.self))
            }
        }
    }
}
