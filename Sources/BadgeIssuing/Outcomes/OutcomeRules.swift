public import BadgeCore
public import Foundation
public import LTI

/// Creating, changing and listing outcome rules, by API, from the instructor's launch page and
/// from rule files, with one set of checks: the rule's own fields, its platform registered to
/// an institution, its badge class live and of that institution, and no other rule watching the
/// same item (the store refuses that one).
public struct OutcomeRules: Sendable {
    let rules: any OutcomeRuleStore
    let catalog: any CatalogStore
    let platforms: any PlatformRegistrationStore
    let ids: any IDGenerator
    let clock: any TimeSource

    /// Creates the use case.
    public init(
        rules: any OutcomeRuleStore,
        catalog: any CatalogStore,
        platforms: any PlatformRegistrationStore,
        ids: any IDGenerator,
        clock: any TimeSource
    ) {
        self.rules = rules
        self.catalog = catalog
        self.platforms = platforms
        self.ids = ids
        self.clock = clock
    }

    /// The institution a rule belongs to, after every check but the duplicate one.
    /// - Throws: ``BadgeCoreError`` `.validation` naming the field.
    public func institution(of rule: OutcomeRule) async throws -> UUID {
        try rule.validate()
        guard let institutionID = try await platforms.institutionID(issuer: rule.match.issuer, clientID: rule.match.clientID) else {
            throw BadgeCoreError.invalid("match.issuer", "no platform with this issuer and client_id is registered to an institution")
        }
        guard let badgeClass = try await catalog.find(BadgeClass.self, id: rule.badgeClassID) else {
            throw BadgeCoreError.invalid("badge_class_id", "no badge class with that id")
        }
        guard badgeClass.institutionID == institutionID else {
            throw BadgeCoreError.invalid("badge_class_id", "the badge class belongs to another institution than the platform")
        }
        guard !badgeClass.isArchived else { throw BadgeCoreError.invalid("badge_class_id", "the badge class is archived and awards nothing") }
        return institutionID
    }

    /// Creates a rule.
    /// - Parameter allowed: whether the caller may write rules of the institution.
    /// - Throws: ``BadgeCoreError`` `.validation` naming the field, `.forbidden`, or `.conflict`
    ///   naming `match` for a duplicate.
    public func create(_ rule: OutcomeRule, actor: String, allowed: (UUID) -> Bool) async throws -> StoredOutcomeRule {
        let institutionID = try await institution(of: rule)
        guard allowed(institutionID) else { throw BadgeCoreError(.forbidden, "this key may not write rules of that institution") }
        return try await rules.create(rule, id: ids.makeID(), institutionID: institutionID, at: clock.now(), actor: actor)
    }

    /// Replaces a rule.
    /// - Throws: as ``create(_:actor:allowed:)``, and `.notFound` for an unknown rule.
    public func update(id: UUID, to rule: OutcomeRule, actor: String, allowed: (UUID) -> Bool) async throws -> StoredOutcomeRule {
        guard let current = try await rules.find(id: id), allowed(current.institutionID) else {
            throw BadgeCoreError(.notFound, "no outcome rule with that id")
        }
        let institutionID = try await institution(of: rule)
        guard institutionID == current.institutionID else {
            throw BadgeCoreError.invalid("match.issuer", "a rule cannot move to another institution's platform")
        }
        guard let updated = try await rules.update(id: id, to: rule, at: clock.now(), actor: actor) else {
            throw BadgeCoreError(.notFound, "no outcome rule with that id")
        }
        return updated
    }

    /// Deletes a rule; its recorded grades stay.
    /// - Throws: ``BadgeCoreError`` `.notFound` for an unknown rule.
    public func delete(id: UUID, actor: String, allowed: (UUID) -> Bool) async throws {
        guard let current = try await rules.find(id: id), allowed(current.institutionID),
            try await rules.delete(id: id, at: clock.now(), actor: actor)
        else { throw BadgeCoreError(.notFound, "no outcome rule with that id") }
    }

    /// Imports the rules of a rule file (a JSON array of rules, or `{"rules": [...]}`), all or
    /// none checked first; a rule whose match exists already is replaced. A rule in a file may
    /// name its badge class by name (`"badge_class": "Data Ethics and Policy"`, English or Dutch)
    /// instead of `badge_class_id`, so that sample files work on any database.
    /// - Returns: the stored rules, in file order.
    /// - Throws: ``BadgeCoreError`` `.validation` naming `rules[i].field`.
    public func importFile(_ data: Data, actor: String, allowed: (UUID) -> Bool) async throws -> [StoredOutcomeRule] {
        guard data.count <= 1_048_576 else { throw BadgeCoreError.invalid("rules", "a rule file is at most 1 MiB") }
        let parsed = try? JSONSerialization.jsonObject(with: data)
        guard let objects = (parsed as? [[String: Any]]) ?? ((parsed as? [String: Any])?["rules"] as? [[String: Any]]) else {
            throw BadgeCoreError.invalid("rules", "the rule file is not a JSON array of rules")
        }
        guard objects.count <= 1_000 else { throw BadgeCoreError.invalid("rules", "a rule file holds at most 1000 rules") }
        var decoded: [(rule: OutcomeRule, institutionID: UUID)] = []
        for (index, object) in objects.enumerated() {
            do {
                let rule = try await decode(object)
                let institutionID = try await institution(of: rule)
                guard allowed(institutionID) else {
                    throw BadgeCoreError(.forbidden, "this key may not write rules of that institution")
                }
                decoded.append((rule, institutionID))
            } catch let error as BadgeCoreError {
                throw BadgeCoreError(error.code, error.message, field: "rules[\(index)]" + (error.field.map { "." + $0 } ?? ""))
            }
        }
        var stored: [StoredOutcomeRule] = []
        for (rule, institutionID) in decoded {
            let existing = try await rules.list(institutionID: nil, issuer: rule.match.issuer, contextID: rule.match.contextID, limit: 1_000)
                .first { $0.rule.matchKey == rule.matchKey }
            if let existing, let updated = try await rules.update(id: existing.id, to: rule, at: clock.now(), actor: actor) {
                stored.append(updated)
            } else {
                // Checked above: stored without looking the platform and badge class up again.
                stored.append(try await rules.create(rule, id: ids.makeID(), institutionID: institutionID, at: clock.now(), actor: actor))
            }
        }
        return stored
    }

    /// One rule of a file, its badge class found by name when the file names it so.
    private func decode(_ object: [String: Any]) async throws -> OutcomeRule {
        var object = object
        if object["badge_class_id"] == nil, let name = object["badge_class"] as? String {
            let match = object["match"] as? [String: Any]
            guard let issuer = match?["issuer"] as? String, let clientID = match?["client_id"] as? String,
                let institutionID = try await platforms.institutionID(issuer: issuer, clientID: clientID)
            else { throw BadgeCoreError.invalid("match.issuer", "no platform with this issuer and client_id is registered to an institution") }
            let classes = try await catalog.list(
                BadgeClass.self,
                filter: CatalogFilter(institutionID: institutionID),
                page: PageRequest(limit: PageRequest.maximumLimit)
            )
            guard let found = classes.items.first(where: { $0.name.en == name || $0.name.nl == name }) else {
                throw BadgeCoreError.invalid("badge_class", "the institution has no badge class named \(name.prefix(200))")
            }
            object["badge_class_id"] = found.id.uuidString.lowercased()
        }
        do {
            return try JSONDecoder().decode(OutcomeRule.self, from: try JSONSerialization.data(withJSONObject: object))
        } catch {
            throw BadgeCoreError.invalid(DecodingFailure.field(of: error) ?? "rule", "the rule cannot be read: \(DecodingFailure.describe(error))")
        }
    }
}
