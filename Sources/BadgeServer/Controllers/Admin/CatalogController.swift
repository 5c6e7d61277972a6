import BadgeCore
import Foundation
import Hummingbird

/// The admin API of one entity of the hierarchy: list, create, show, update (JSON Merge Patch)
/// and archive, under `/api/v1/<collection>`. One generic controller serves all four kinds, so
/// that authorisation, validation and error behaviour are the same everywhere.
struct CatalogController<Content: CatalogContent>: Sendable {
    let store: any CatalogStore
    let ids: any IDGenerator
    let clock: any TimeSource
    /// The path segment, such as `badge-classes`.
    let collection: String

    /// Fields the server sets; a client may not write them.
    private static var serverFields: Set<String> { ["id", "created_at", "updated_at", "archived_at"] }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        let routes = Route.Catalog.named(collection)
        group.on(routes.list, use: list)
        group.on(routes.create, use: create)
        group.on(routes.show, use: show)
        group.on(routes.update, use: update)
        group.on(routes.archive, use: archive)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<Record<Content>> {
        let principal = try context.requirePrincipal()
        let query = request.uri.queryParameters
        var filter = CatalogFilter(includeArchived: try QueryParameters.bool(query, "include_archived") ?? false)
        if let institutionID = try QueryParameters.uuid(query, "institution_id") {
            guard principal.canRead(institution: institutionID) else { throw forbidden(principal) }
            filter.institutionID = institutionID
        } else if principal.role != .operator {
            filter.institutionID = principal.institutionID
        }
        if let parentField = Content.kind.parentField, let parentID = try QueryParameters.uuid(query, parentField) {
            guard let owner = try await store.institutionID(ofParent: parentID, for: Content.kind) else {
                throw BadgeCoreError(
                    .notFound,
                    "no \(parentField.dropLast(3).replacingOccurrences(of: "_", with: " ")) with id \(parentID)",
                    field: parentField
                )
            }
            guard principal.canRead(institution: owner) else { throw forbidden(principal) }
            filter.parentID = parentID
        }
        let page = try PageRequest(
            limit: try QueryParameters.int(query, "limit") ?? 50,
            after: try QueryParameters.uuid(query, "after")
        )
        return try await store.list(Content.self, filter: filter, page: page)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Record<Content>> {
        let principal = try context.requirePrincipal()
        let kind = Content.kind
        guard principal.canWrite(kind, institution: kind == .institution ? nil : principal.institutionID) else {
            throw forbidden(principal)
        }
        var object = try await JSONBody.object(from: request, context: context)
        if let field = object.keys.first(where: Self.serverFields.contains) {
            throw BadgeCoreError.invalid(field, "\(field) is set by the server")
        }
        if kind == .faculty, object["institution_id"] == nil, let own = principal.institutionID {
            object["institution_id"] = own.uuidString
        }
        let content = try JSONBody.decode(Content.self, from: object)
        try content.validate()
        let id = ids.makeID()
        var institutionID = id
        if let parentID = content.parentID, let parentField = kind.parentField {
            guard let owner = try await store.institutionID(ofParent: parentID, for: kind) else {
                throw BadgeCoreError.invalid(parentField, "\(parentField) names nothing: no such \(kind.displayName) parent \(parentID)")
            }
            institutionID = owner
        }
        try principal.requireWrite(kind, institution: kind == .institution ? nil : institutionID)
        let record = Record(id: id, institutionID: institutionID, content: content, createdAt: clock.now())
        try await store.insert(record, by: "key:\(principal.keyID)")
        return EditedResponse(status: .created, headers: [.location: "/api/v1/\(collection)/\(id.uuidString.lowercased())"], response: record)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Record<Content> {
        let principal = try context.requirePrincipal()
        let record = try await find(try context.parameters.uuid("id"))
        guard principal.canRead(institution: record.institutionID) else { throw forbidden(principal) }
        return record
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Record<Content> {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.uuid("id")
        let existing = try await find(id)
        try principal.requireWrite(Content.kind, institution: Content.kind == .institution ? nil : existing.institutionID)
        let patch = try await JSONBody.object(from: request, context: context)
        if let field = patch.keys.first(where: Self.serverFields.contains) {
            throw BadgeCoreError.invalid(field, "\(field) is set by the server")
        }
        let patchData = try JSONSerialization.data(withJSONObject: patch)
        let now = clock.now()
        return try await store.update(Content.self, id: id, by: "key:\(principal.keyID)") { record, updateContext in
            let patch = try JSONSerialization.jsonObject(with: patchData)
            let merged = try JSONBody.object(encoding: record.content)
            guard let patched = JSONMergePatch.apply(patch, to: merged) as? [String: Any] else {
                throw BadgeCoreError.invalid("body", "the patch must be a JSON object")
            }
            var updated = record
            updated.content = try JSONBody.decode(Content.self, from: patched)
            try record.content.checkUpdate(to: updated.content, context: updateContext)
            updated.updatedAt = now
            return updated
        }
    }

    @Sendable func archive(_ request: Request, context: AppRequestContext) async throws -> Record<Content> {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.uuid("id")
        let existing = try await find(id)
        try principal.requireWrite(Content.kind, institution: Content.kind == .institution ? nil : existing.institutionID)
        let now = clock.now()
        return try await store.update(Content.self, id: id, by: "key:\(principal.keyID)") { record, _ in
            guard record.archivedAt == nil else { return record }
            var archived = record
            archived.archivedAt = now
            archived.updatedAt = now
            return archived
        }
    }

    private func find(_ id: UUID) async throws -> Record<Content> {
        guard let record = try await store.find(Content.self, id: id) else {
            throw BadgeCoreError(.notFound, "no \(Content.kind.displayName) with id \(id.uuidString.lowercased())")
        }
        return record
    }

    private func forbidden(_ principal: Principal) -> BadgeCoreError {
        BadgeCoreError(.forbidden, "this \(principal.role.rawValue) key has no access to that \(Content.kind.displayName)")
    }
}
