import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import LTI
import NIOCore
import OpenBadges

/// The admin API of grades to badges: outcome rules, recorded grades with their decisions,
/// reviews of pending awards and flagged badges, and syncs on demand.
struct OutcomeController: Sendable {
    let rules: OutcomeRules
    let ruleStore: any OutcomeRuleStore
    let events: any OutcomeEventStore
    let intake: GradeIntake
    let platforms: any PlatformRegistrationStore
    let sync: ResultSync
    let basicOutcomes: BasicOutcomes
    let outcomeServiceURL: String
    let urls: PublicURLs
    let clock: any TimeSource

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.on(Route.listOutcomeRules, use: listRules)
        group.on(Route.createOutcomeRule, use: createRule)
        group.on(Route.showOutcomeRule, use: showRule)
        group.on(Route.updateOutcomeRule, use: updateRule)
        group.on(Route.deleteOutcomeRule, use: deleteRule)
        group.on(Route.outcomeRuleSourcedID, use: sourcedID)
        group.on(Route.listOutcomeEvents, use: listEvents)
        group.on(Route.recordOutcomeEvent, use: record)
        group.on(Route.reviewOutcomeEvent, use: review)
        group.on(Route.syncPlatform, use: syncPlatform)
    }

    /// Rules are written by every role of the institution (instructors link courses to badges).
    static func mayWrite(_ principal: Principal) -> (UUID) -> Bool {
        { principal.role == .operator || principal.institutionID == $0 }
    }

    /// Recipient keys and recipient filters are for registrars, admins and operators.
    static func seesRecipients(_ principal: Principal) -> Bool { principal.role != .instructor }

    @Sendable func listRules(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = request.uri.queryParameters
        let found = try await ruleStore.list(
            institutionID: principal.role == .operator ? nil : principal.institutionID,
            issuer: query.get("issuer"),
            contextID: query.get("context_id"),
            limit: 1_000
        )
        struct Items: Encodable { let items: [OutcomeRuleResponse] }
        return try JSONResponse.make(Items(items: found.map(OutcomeRuleResponse.init)))
    }

    @Sendable func createRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let rule = try JSONBody.decode(OutcomeRule.self, from: try await JSONBody.object(from: request, context: context))
        let stored = try await rules.create(rule, actor: "key:\(principal.keyID)", allowed: Self.mayWrite(principal))
        return try JSONResponse.make(OutcomeRuleResponse(stored: stored), status: .created)
    }

    @Sendable func showRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard let stored = try await ruleStore.find(id: try context.parameters.uuid("id")), principal.canRead(institution: stored.institutionID)
        else {
            throw BadgeCoreError(.notFound, "no outcome rule with that id")
        }
        return try JSONResponse.make(OutcomeRuleResponse(stored: stored))
    }

    @Sendable func updateRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let rule = try JSONBody.decode(OutcomeRule.self, from: try await JSONBody.object(from: request, context: context))
        let stored = try await rules.update(
            id: try context.parameters.uuid("id"),
            to: rule,
            actor: "key:\(principal.keyID)",
            allowed: Self.mayWrite(principal)
        )
        return try JSONResponse.make(OutcomeRuleResponse(stored: stored))
    }

    @Sendable func deleteRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await rules.delete(id: try context.parameters.uuid("id"), actor: "key:\(principal.keyID)", allowed: Self.mayWrite(principal))
        return Response(status: .noContent)
    }

    @Sendable func sourcedID(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard let stored = try await ruleStore.find(id: try context.parameters.uuid("id")), principal.canRead(institution: stored.institutionID)
        else {
            throw BadgeCoreError(.notFound, "no outcome rule with that id")
        }
        guard let userID = request.uri.queryParameters.get("user_id"), !userID.isEmpty, userID.count <= 1024 else {
            throw BadgeCoreError.invalid("user_id", "user_id is the platform user id (sub), 1 to 1024 characters")
        }
        return try JSONResponse.make([
            "lis_result_sourcedid": basicOutcomes.sourcedID(ruleID: stored.id, userID: userID), "lis_outcome_service_url": outcomeServiceURL,
        ])
    }

    @Sendable func listEvents(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = request.uri.queryParameters
        var filter = OutcomeEventFilter(institutionID: principal.role == .operator ? nil : principal.institutionID)
        filter.contextID = query.get("context_id")
        filter.badgeClassID = try QueryParameters.uuid(query, "badge_class_id")
        if let decisions = query.get("decision") {
            let parsed = decisions.split(separator: ",").map { AwardDecision(rawValue: String($0)) }
            guard parsed.count <= 20, parsed.allSatisfy({ $0 != nil }) else {
                throw BadgeCoreError.invalid("decision", "decision lists values of \(AwardDecision.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.decisions = Set(parsed.compactMap { $0 })
        }
        if let recipient = query.get("recipient") {
            guard Self.seesRecipients(principal) else { throw BadgeCoreError(.forbidden, "an instructor key may not look up recipients") }
            filter.recipientKey = try Recipient(typedIdentity: recipient).key
        }
        let page = try await events.list(
            filter,
            page: try PageRequest(limit: try QueryParameters.int(query, "limit") ?? 50, after: try QueryParameters.uuid(query, "after"))
        )
        struct Items: Encodable {
            let items: [OutcomeEventResponse]
            let nextCursor: UUID?
            enum CodingKeys: String, CodingKey { case items, nextCursor = "next_cursor" }
        }
        let shows = Self.seesRecipients(principal)
        return try JSONResponse.make(
            Items(items: page.items.map { OutcomeEventResponse(record: $0, showsRecipient: shows) }, nextCursor: page.nextCursor)
        )
    }

    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard Self.seesRecipients(principal) else { throw BadgeCoreError(.forbidden, "grades are entered by registrar and admin keys") }
        let body = try await JSONBody.object(from: request, context: context)
        let input = try JSONBody.decode(ManualGrade.self, from: body)
        let event = input.event(at: clock.now())
        try event.validate()
        guard let (rule, badgeClass) = try await ruleStore.ruleAndBadgeClass(watching: event), principal.canRead(institution: rule.institutionID)
        else {
            throw BadgeCoreError(.notFound, "no outcome rule of your institution watches this item", field: "line_item")
        }
        if let recipient = input.recipient {
            try await intake.learnerSeen(issuer: event.platform.issuer, userID: event.userID, as: try Recipient(typedIdentity: recipient))
        }
        return try JSONResponse.make(GradeReceiptResponse(try await intake.receive(event, rule: rule, badgeClass: badgeClass), urls: urls))
    }

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.uuid("id")
        guard let record = try await events.find(id: id), principal.canRead(institution: record.institutionID) else {
            throw BadgeCoreError(.notFound, "no recorded grade with that id")
        }
        let body = try await JSONBody.object(from: request, context: context)
        guard let answer = (body["decision"] as? String).flatMap(GradeIntake.Review.init(rawValue:)) else {
            throw BadgeCoreError.invalid("decision", "decision is approve or deny")
        }
        let reviewed = try await intake.review(recordID: id, answer, comment: body["comment"] as? String, actor: "key:\(principal.keyID)")
        return try JSONResponse.make(OutcomeEventResponse(record: reviewed, showsRecipient: Self.seesRecipients(principal)))
    }

    @Sendable func syncPlatform(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard let registration = try await platforms.registration(id: try context.parameters.uuid("id")),
            principal.canRead(institution: registration.institutionID)
        else { throw BadgeCoreError(.notFound, "no platform registration with that id") }
        let report = try await sync.sync(
            issuer: registration.platform.issuer,
            clientID: registration.platform.clientID,
            contextID: request.uri.queryParameters.get("context_id"),
            force: true
        )
        return try JSONResponse.make(report)
    }
}
