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
    let review: StackingReview
    let urls: PublicURLs

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.on(Route.setStackingRule, use: setRule)
        group.on(Route.showStackingRule, use: showRule)
        group.on(Route.deleteStackingRule, use: deleteRule)
        group.on(Route.recipientProgress, use: progress)
        group.on(Route.listStackingFlags, use: listFlags)
        group.on(Route.reviewStackingFlag, use: reviewFlag)
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

    @Sendable func listFlags(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.role != .instructor else { throw BadgeCoreError(.forbidden, "stacking flags are reviewed by registrars") }
        let flags = try await review.flagged(institutionID: principal.role == .operator ? nil : principal.institutionID)
        // A lost local component points at its assertion; a removed external credential (an
        // external component: not a badge class UUID) is named by its record id.
        struct Item: Encodable {
            let assertionID, assertionURL, badgeClassID, component: String
            let componentAssertionURL, externalCredentialID: String?
            let flaggedAt: Date
            enum CodingKeys: String, CodingKey {
                case assertionID = "assertion_id", assertionURL = "assertion_url", badgeClassID = "badge_class_id", component
                case componentAssertionURL = "component_assertion_url", externalCredentialID = "external_credential_id", flaggedAt = "flagged_at"
            }
        }
        struct Items: Encodable { let items: [Item] }
        return try JSONResponse.make(
            Items(
                items: flags.map {
                    let isLocal = UUID(uuidString: $0.component) != nil
                    return Item(
                        assertionID: $0.compositeAssertionID.uuidString.lowercased(),
                        assertionURL: urls.assertion($0.compositeAssertionID),
                        badgeClassID: $0.compositeClassID.uuidString.lowercased(),
                        component: $0.component,
                        componentAssertionURL: isLocal ? urls.assertion($0.componentAssertionID) : nil,
                        externalCredentialID: isLocal ? nil : $0.componentAssertionID.uuidString.lowercased(),
                        flaggedAt: $0.flaggedAt
                    )
                }
            )
        )
    }

    @Sendable func reviewFlag(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await JSONBody.object(from: request, context: context)
        guard let decision = (body["decision"] as? String).flatMap(StackingReview.Decision.init(rawValue:)) else {
            throw BadgeCoreError.invalid("decision", "decide keep or revoke")
        }
        let flag = try await review.review(
            compositeAssertionID: try context.parameters.uuid("id"),
            decision,
            comment: body["comment"] as? String,
            actor: "key:\(principal.keyID)",
            allowed: Self.mayWrite(principal)
        )
        struct Reviewed: Encodable {
            let assertionID, decision: String
            enum CodingKeys: String, CodingKey { case assertionID = "assertion_id", decision }
        }
        return try JSONResponse.make(Reviewed(assertionID: flag.compositeAssertionID.uuidString.lowercased(), decision: decision.rawValue))
    }
}
