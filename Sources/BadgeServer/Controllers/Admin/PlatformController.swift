import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import LTI

/// The admin API of LTI platform registrations under `/api/v1/platforms`: register, list, show
/// and delete. Admin keys see and change their own institution's platforms; operator keys all.
struct PlatformController: Sendable {
    let registry: any PlatformRegistrationStore
    let links: LTIRegistrationLinks
    let catalog: any CatalogStore
    let ids: any IDGenerator
    let clock: any TimeSource

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.on(Route.listPlatforms, use: list)
        group.on(Route.createPlatform, use: create)
        group.on(Route.createRegistrationLink, use: createLink)
        group.on(Route.showPlatform, use: show)
        group.on(Route.deletePlatform, use: delete)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<PlatformResource> {
        let principal = try Self.requireManager(context)
        let input = try JSONBody.decode(PlatformInput.self, from: try await JSONBody.object(from: request, context: context))
        let institutionID = try await owningInstitution(principal, asked: input.institutionID)
        let platform = try input.platform()
        let registration = PlatformRegistration(id: ids.makeID(), institutionID: institutionID, platform: platform, createdAt: clock.now())
        guard try await registry.insert(registration) else {
            throw BadgeCoreError(.conflict, "this issuer and client_id are already registered; delete that registration first", field: "client_id")
        }
        return EditedResponse(
            status: .created,
            headers: [.location: "/api/v1/platforms/\(registration.id.uuidString.lowercased())"],
            response: PlatformResource(registration)
        )
    }

    /// A one-time LTI Dynamic Registration link for the institution (`{"institution_id", "valid_for_seconds"}`).
    @Sendable func createLink(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<RegistrationLinkResource> {
        let principal = try Self.requireManager(context)
        let input = try JSONBody.decode(RegistrationLinkInput.self, from: try await JSONBody.object(from: request, context: context))
        let institutionID = try await owningInstitution(principal, asked: input.institutionID)
        let link = try await links.make(institutionID: institutionID, validFor: TimeInterval(input.validForSeconds ?? 86_400), now: clock.now())
        return EditedResponse(status: .created, response: RegistrationLinkResource(url: link.url, expiresAt: link.expiresAt))
    }

    /// The institution a new registration belongs to: the operator names it, an admin's own.
    private func owningInstitution(_ principal: Principal, asked: UUID?) async throws -> UUID {
        let institutionID: UUID
        switch (principal.role, asked) {
        case (.operator, let id?): institutionID = id
        case (.operator, nil): throw BadgeCoreError.invalid("institution_id", "an operator key must name the institution_id")
        case (_, let id?) where id != principal.institutionID: throw Self.forbidden(principal)
        default:
            guard let own = principal.institutionID else { throw Self.forbidden(principal) }
            institutionID = own
        }
        guard try await catalog.find(Institution.self, id: institutionID) != nil else {
            throw BadgeCoreError.invalid("institution_id", "no institution with id \(institutionID.uuidString.lowercased())")
        }
        return institutionID
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> PlatformList {
        let principal = try Self.requireManager(context)
        var institutionID = principal.role == .operator ? nil : principal.institutionID
        if let asked = try QueryParameters.uuid(request.uri.queryParameters, "institution_id") {
            guard principal.canRead(institution: asked) else { throw Self.forbidden(principal) }
            institutionID = asked
        }
        return PlatformList(items: try await registry.registrations(institutionID: institutionID).map(PlatformResource.init))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> PlatformResource {
        PlatformResource(try await find(request, context: context))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let registration = try await find(request, context: context)
        _ = try await registry.delete(id: registration.id)
        return Response(status: .noContent)
    }

    private func find(_ request: Request, context: AppRequestContext) async throws -> PlatformRegistration {
        let principal = try Self.requireManager(context)
        let id = try context.parameters.uuid("id")
        guard let registration = try await registry.registration(id: id) else {
            throw BadgeCoreError(.notFound, "no platform registration with id \(id.uuidString.lowercased())")
        }
        guard principal.canRead(institution: registration.institutionID) else { throw Self.forbidden(principal) }
        return registration
    }

    /// Platform registrations are the admin's (and operator's) business.
    static func requireManager(_ context: AppRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard principal.role == .operator || principal.role == .admin else { throw forbidden(principal) }
        return principal
    }

    static func forbidden(_ principal: Principal) -> BadgeCoreError {
        BadgeCoreError(.forbidden, "a \(principal.role.rawValue) key may not manage LTI platforms of that institution")
    }
}
