public import BadgeCore
import Foundation

/// Finds an institution by what an operator types: its id or its identifier (the SCHAC home,
/// such as `uva.nl`). One lookup for every command and use case that takes an institution.
public struct InstitutionDirectory: Sendable {
    let catalog: any CatalogStore

    /// Creates a directory over the catalogue.
    public init(catalog: any CatalogStore) {
        self.catalog = catalog
    }

    /// The live institution `reference` names.
    /// - Throws: ``BadgeCoreError`` `.notFound` naming `institution` when there is none, `.conflict`
    ///   when it is archived (archived institutions take no new keys, platforms or links).
    public func liveInstitution(_ reference: String) async throws -> Record<Institution> {
        guard let institution = try await find(reference) else {
            throw BadgeCoreError(.notFound, "no institution \(reference); import one first (badged import FILE)", field: "institution")
        }
        guard !institution.isArchived else {
            throw BadgeCoreError(.conflict, "institution \(institution.identifier) is archived", field: "institution")
        }
        return institution
    }

    private func find(_ reference: String) async throws -> Record<Institution>? {
        if let id = UUID(uuidString: reference), let record = try await catalog.find(Institution.self, id: id) { return record }
        let identifier = reference.lowercased()
        var cursor: UUID?
        repeat {
            let page = try await catalog.list(
                Institution.self,
                filter: CatalogFilter(includeArchived: true),
                page: PageRequest(limit: PageRequest.maximumLimit, after: cursor)
            )
            if let match = page.items.first(where: { $0.identifier == identifier }) { return match }
            cursor = page.nextCursor
        } while cursor != nil
        return nil
    }
}
