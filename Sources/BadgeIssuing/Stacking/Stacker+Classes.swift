import BadgeCore
import Foundation

extension Stacker {
    /// The badge classes a stacking run reads, loaded in one call per batch of holdings (a
    /// cohort's page, or one recipient) and kept for the run, with their names and EC as
    /// evaluation sees them.
    struct Classes: Sendable {
        /// The classes found, by id.
        private(set) var records: [UUID: Record<BadgeClass>] = [:]
        /// Names and EC of ``records``.
        private(set) var catalogue = StackingCatalogue()
        /// Ids looked up and not found (a deleted class), not asked for again.
        private var missing: Set<UUID> = []
        /// The issuers of ``records`` as lower-case text, as held credentials name them.
        private var issuers: [UUID: String] = [:]

        /// The lower-case text of an issuer id (formatted once for the issuers of loaded classes).
        func issuerText(_ id: UUID) -> String {
            issuers[id] ?? id.uuidString.lowercased()
        }

        /// Loads what is not loaded yet of the classes `holdings` hold and `composites` and
        /// their rules name (held or not, so that what is still needed has its name and EC).
        mutating func load(for composites: [StoredStackingRule], holdings: [HeldAssertion], from catalog: any CatalogStore) async throws {
            var wanted = Set(holdings.map(\.badgeClassID))
            for stored in composites {
                wanted.insert(stored.compositeClassID)
                for case .badgeClass(let id) in stored.rule.components { wanted.insert(id) }
            }
            let unknown = Array(wanted.filter { records[$0] == nil && !missing.contains($0) })
            for start in stride(from: 0, to: unknown.count, by: 1_000) {
                let ids = Array(unknown[start..<min(start + 1_000, unknown.count)])
                let found = try await catalog.find(BadgeClass.self, ids: ids)
                for id in ids {
                    if let record = found[id] {
                        records[id] = record
                        if issuers[record.content.issuerID] == nil { issuers[record.content.issuerID] = record.content.issuerID.uuidString.lowercased() }
                        catalogue.components[.badgeClass(id)] = StackingCatalogue.entry(for: record.content)
                    } else {
                        missing.insert(id)
                    }
                }
            }
        }
    }
}
