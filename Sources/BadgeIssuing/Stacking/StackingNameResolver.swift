import BadgeCore
import Foundation

/// Every badge class on this badged, for stacking rules: their catalogue entries (names and EC)
/// and the lookup of a class named by UUID or by exact English or Dutch name.
struct StackingNameResolver {
    private(set) var classes: [Record<BadgeClass>] = []

    /// Reads every badge class of every institution, archived ones included (held credentials
    /// of an archived class still count).
    init(catalog: any CatalogStore) async throws {
        var after: UUID?
        repeat {
            let page = try await catalog.list(
                BadgeClass.self,
                filter: CatalogFilter(includeArchived: true),
                page: try PageRequest(limit: PageRequest.maximumLimit, after: after)
            )
            classes += page.items
            after = page.nextCursor
        } while after != nil
    }

    /// The catalogue entries by badge class id.
    var entries: [UUID: StackingCatalogue.Entry] {
        Dictionary(classes.map { ($0.id, StackingCatalogue.entry(for: $0.content)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The badge class named `text`: a UUID, or an exact name; a name several classes carry is
    /// resolved to the one of an institution `prefer` accepts, if exactly one is.
    /// - Throws: ``BadgeCoreError`` `.validation` naming `field`.
    func resolve(_ text: String, field: String, prefer: (UUID) -> Bool) throws -> UUID {
        if let id = UUID(uuidString: text) { return id }
        let named = classes.filter { $0.name.en == text || $0.name.nl == text }
        let preferred = named.count > 1 ? named.filter { prefer($0.institutionID) } : named
        guard let found = preferred.first else {
            throw BadgeCoreError.invalid(field, "no badge class on this badged is named \(text.prefix(200))")
        }
        guard preferred.count == 1 else {
            throw BadgeCoreError.invalid(field, "\(preferred.count) badge classes are named \(text.prefix(200)); name it by id")
        }
        return found.id
    }

    /// A rule's JSON with every `badge_class` leaf that names a class by name given its id.
    func resolvingLeaves(_ node: Any, path: String, prefer: (UUID) -> Bool) throws -> Any {
        if let list = node as? [Any] {
            return try list.enumerated().map { index, item in try resolvingLeaves(item, path: "\(path)[\(index)]", prefer: prefer) }
        }
        guard var object = node as? [String: Any] else { return node }
        for (key, value) in object {
            if key == "badge_class", let text = value as? String {
                object[key] = try resolve(text, field: "\(path).badge_class", prefer: prefer).uuidString.lowercased()
            } else if value is [Any] || value is [String: Any] {
                object[key] = try resolvingLeaves(value, path: "\(path).\(key)", prefer: prefer)
            }
        }
        return object
    }
}
