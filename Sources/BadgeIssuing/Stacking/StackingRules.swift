public import BadgeCore
public import Foundation

/// Setting, reading and deleting the stacking rules of composite badge classes, by API and from
/// rule files, with one set of checks: the composite class exists, is live and of an
/// institution the caller may write, and the rule passes ``StackingRule/validate(for:in:field:)``
/// against every badge class on this badged (names and EC) and every other stored rule (cycles).
public struct StackingRules: Sendable {
    /// The most rules one file may hold.
    public static let maximumFileRules = 500

    let rules: any StackingRuleStore
    let catalog: any CatalogStore
    let clock: any TimeSource

    /// Creates the use case.
    public init(rules: any StackingRuleStore, catalog: any CatalogStore, clock: any TimeSource) {
        self.rules = rules
        self.catalog = catalog
        self.clock = clock
    }

    /// Sets (creates or replaces) the rule of a composite badge class.
    /// - Parameter allowed: whether the caller may write rules of an institution.
    /// - Returns: the stored rule.
    /// - Throws: ``BadgeCoreError`` `.validation` naming the field (`badge_class`,
    ///   `rule.all_of[1].badge_class`), `.forbidden` for another institution's composite.
    public func set(_ rule: StackingRule, compositeClassID: UUID, actor: String, allowed: (UUID) -> Bool) async throws -> StoredStackingRule {
        let composite = try await composite(compositeClassID, allowed: allowed)
        let resolver = try await StackingNameResolver(catalog: catalog)
        try rule.validate(for: compositeClassID, in: try await catalogue(classes: resolver))
        return try await rules.put(rule, compositeClassID: compositeClassID, institutionID: composite.institutionID, at: clock.now(), actor: actor)
    }

    /// The rule of a composite badge class.
    /// - Throws: ``BadgeCoreError`` `.notFound` without a rule the caller may read.
    public func find(compositeClassID: UUID, allowed: (UUID) -> Bool) async throws -> StoredStackingRule {
        guard let stored = try await rules.find(compositeClassID: compositeClassID), allowed(stored.institutionID) else {
            throw BadgeCoreError(.notFound, "the badge class has no stacking rule")
        }
        return stored
    }

    /// Deletes the rule of a composite badge class; composites already issued stay.
    /// - Throws: ``BadgeCoreError`` `.notFound` without a rule the caller may write.
    public func delete(compositeClassID: UUID, actor: String, allowed: (UUID) -> Bool) async throws {
        guard let stored = try await rules.find(compositeClassID: compositeClassID), allowed(stored.institutionID),
            try await rules.delete(compositeClassID: compositeClassID, at: clock.now(), actor: actor)
        else { throw BadgeCoreError(.notFound, "the badge class has no stacking rule") }
    }

    /// Imports a rule file: a JSON array (or `{"rules": [...]}`) of
    /// `{"badge_class": "<uuid or exact badge class name>", "rule": {…}}`. A `badge_class` leaf
    /// inside a rule may also name its class by exact name, so that sample files work on any
    /// database. Every rule is checked first (later rules against earlier ones, for cycles),
    /// then all are set.
    /// - Returns: the stored rules, in file order.
    /// - Throws: ``BadgeCoreError`` naming `rules[i].field`, such as `rules[1].rule.all_of[0].badge_class`.
    public func importFile(_ data: Data, actor: String, allowed: (UUID) -> Bool) async throws -> [StoredStackingRule] {
        guard data.count <= 1_048_576 else { throw BadgeCoreError.invalid("rules", "a rule file is at most 1 MiB") }
        let parsed = try? JSONSerialization.jsonObject(with: data)
        guard let objects = (parsed as? [[String: Any]]) ?? ((parsed as? [String: Any])?["rules"] as? [[String: Any]]) else {
            throw BadgeCoreError.invalid("rules", "the rule file is not a JSON array of {badge_class, rule} objects")
        }
        guard objects.count <= Self.maximumFileRules else {
            throw BadgeCoreError.invalid("rules", "a rule file holds at most \(Self.maximumFileRules) rules")
        }
        let resolver = try await StackingNameResolver(catalog: catalog)
        var catalogue = try await catalogue(classes: resolver)
        var checked: [(rule: StackingRule, composite: Record<BadgeClass>)] = []
        for (index, object) in objects.enumerated() {
            do {
                guard let name = object["badge_class"] as? String else {
                    throw BadgeCoreError.invalid("badge_class", "each entry names its composite badge class (a UUID or an exact name)")
                }
                let compositeID = try resolver.resolve(name, field: "badge_class", prefer: allowed)
                let composite = try await composite(compositeID, allowed: allowed)
                guard let ruleObject = object["rule"] else { throw BadgeCoreError.invalid("rule", "each entry has a rule") }
                let rule = try Self.decode(try resolver.resolvingLeaves(ruleObject, path: "rule", prefer: allowed))
                try rule.validate(for: compositeID, in: catalogue)
                catalogue.rules[compositeID] = rule
                checked.append((rule, composite))
            } catch let error as BadgeCoreError {
                throw BadgeCoreError(error.code, error.message, field: "rules[\(index)]" + (error.field.map { "." + $0 } ?? ""))
            }
        }
        var stored: [StoredStackingRule] = []
        for (rule, composite) in checked {
            stored.append(
                try await rules.put(rule, compositeClassID: composite.id, institutionID: composite.institutionID, at: clock.now(), actor: actor)
            )
        }
        return stored
    }

    /// The composite badge class, if it exists, is live and the caller may write its rules.
    private func composite(_ id: UUID, allowed: (UUID) -> Bool) async throws -> Record<BadgeClass> {
        guard let composite = try await catalog.find(BadgeClass.self, id: id) else {
            throw BadgeCoreError.invalid("badge_class", "no badge class with that id")
        }
        guard allowed(composite.institutionID) else {
            throw BadgeCoreError(.forbidden, "this key may not write the rules of that institution's badge classes", field: "badge_class")
        }
        guard !composite.isArchived else { throw BadgeCoreError.invalid("badge_class", "the badge class is archived and awards nothing") }
        return composite
    }

    /// Every badge class on this badged (names and EC) and every stored rule.
    private func catalogue(classes: StackingNameResolver) async throws -> StackingCatalogue {
        var rules: [UUID: StackingRule] = [:]
        for stored in try await self.rules.all(limit: 10_000) { rules[stored.compositeClassID] = stored.rule }
        return StackingCatalogue(badgeClasses: classes.entries, rules: rules)
    }

    /// A rule from its JSON object, a decoding failure naming `rule.<field>`.
    static func decode(_ object: Any) throws -> StackingRule {
        do {
            return try JSONDecoder().decode(StackingRule.self, from: try JSONSerialization.data(withJSONObject: object))
        } catch {
            let field = DecodingFailure.field(of: error).map { "rule." + $0 } ?? "rule"
            throw BadgeCoreError.invalid(field, "the rule cannot be read: \(DecodingFailure.describe(error))")
        }
    }
}
