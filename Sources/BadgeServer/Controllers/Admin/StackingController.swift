import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import OpenBadges

/// The admin API of stacking: the rule of a composite badge class, and a recipient's progress
/// toward composites.
struct StackingController: Sendable {
    let rules: StackingRules
    let stacker: Stacker
    let urls: PublicURLs

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.on(Route.setStackingRule, use: setRule)
        group.on(Route.showStackingRule, use: showRule)
        group.on(Route.deleteStackingRule, use: deleteRule)
        group.on(Route.recipientProgress, use: progress)
    }

    /// Stacking rules are a registrar's: instructors link courses, registrars compose credentials.
    static func mayWrite(_ principal: Principal) -> (UUID) -> Bool {
        { principal.role != .instructor && (principal.role == .operator || principal.institutionID == $0) }
    }

    @Sendable func setRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let rule = try JSONBody.decode(StackingRule.self, from: try await JSONBody.object(from: request, context: context))
        let stored = try await rules.set(
            rule,
            compositeClassID: try context.parameters.uuid("id"),
            actor: "key:\(principal.keyID)",
            allowed: Self.mayWrite(principal)
        )
        return try JSONResponse.make(StackingRuleResponse(stored))
    }

    @Sendable func showRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let stored = try await rules.find(compositeClassID: try context.parameters.uuid("id")) { principal.canRead(institution: $0) }
        return try JSONResponse.make(StackingRuleResponse(stored))
    }

    @Sendable func deleteRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await rules.delete(
            compositeClassID: try context.parameters.uuid("id"),
            actor: "key:\(principal.keyID)",
            allowed: Self.mayWrite(principal)
        )
        return Response(status: .noContent)
    }

    @Sendable func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.role != .instructor else { throw BadgeCoreError(.forbidden, "an instructor key may not look up recipients") }
        guard let text = context.parameters.get("recipient")?.removingPercentEncoding else {
            throw BadgeCoreError.invalid("recipient", "name the recipient as type:identity, such as email:ada@example.org")
        }
        let recipient = try Recipient(typedIdentity: text)
        let assessments = try await stacker.progress(
            recipientKey: recipient.key,
            institutionID: principal.role == .operator ? nil : principal.institutionID,
            compositeClassID: try QueryParameters.uuid(request.uri.queryParameters, "badge_class_id")
        )
        struct Items: Encodable { let items: [StackingProgressResponse] }
        return try JSONResponse.make(Items(items: assessments.map { StackingProgressResponse($0, urls: urls) }))
    }
}
