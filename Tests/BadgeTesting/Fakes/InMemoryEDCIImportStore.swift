public import BadgeCore
public import Foundation

/// Stored EDCI imports in memory: one per credential and institution.
public actor InMemoryEDCIImportStore: EDCIImportStore {
    private var entries: [UUID: EDCIImportEntry] = [:]

    /// Creates an empty store.
    public init() {}

    /// Every stored import.
    public var all: [EDCIImportEntry] { Array(entries.values) }

    public func store(_ entry: EDCIImportEntry, badgeClass: Record<BadgeClass>?, actor: String) async throws {
        try badgeClass?.content.validate()
        if let existing = entries.values.first(where: { $0.institutionID == entry.institutionID && $0.credentialID == entry.credentialID }) {
            throw BadgeCoreError(.conflict, "this credential was imported before, as \(existing.id)", field: "credential_id")
        }
        entries[entry.id] = entry
    }

    public func find(id: UUID) async throws -> EDCIImportEntry? { entries[id] }

    public func erase(learnerHashes: [String], institutionID: UUID?, actor: String) async throws -> Int {
        let doomed = entries.values.filter { learnerHashes.contains($0.learnerHash) && (institutionID == nil || $0.institutionID == institutionID) }
        for entry in doomed { entries[entry.id] = nil }
        return doomed.count
    }
}
