public import BadgeCore
import Foundation
public import LTI
public import OpenBadges

/// Writes an issued badge back to the LMS gradebook (`outcome.awarded`), when its rule asks for
/// it: a score of 1 of 1 on a line item of badged's own ("Badge: <name>", created once per
/// course and badge class), with the credential URL as comment. It runs from the outbox, so a
/// platform that is down delays the write-back (retried with backoff) and never the award.
public struct GradebookWriteBack: OutboxHandler {
    /// The tag of badged's own line items.
    public static let tag = "badged-badge"

    let events: any OutcomeEventStore
    let rules: any OutcomeRuleStore
    let catalog: any CatalogStore
    let platforms: any PlatformRegistry
    let courses: any CourseDirectory
    let services: any GradeServices
    let urls: PublicURLs
    let clock: any TimeSource

    /// Creates the handler.
    public init(
        events: any OutcomeEventStore,
        rules: any OutcomeRuleStore,
        catalog: any CatalogStore,
        platforms: any PlatformRegistry,
        courses: any CourseDirectory,
        services: any GradeServices,
        urls: PublicURLs,
        clock: any TimeSource
    ) {
        self.events = events
        self.rules = rules
        self.catalog = catalog
        self.platforms = platforms
        self.courses = courses
        self.services = services
        self.urls = urls
        self.clock = clock
    }

    public func handle(_ message: OutboxMessage) async throws {
        guard let record = try await events.find(id: message.subjectID), let assertionID = record.assertionID,
            let rule = try await rules.find(id: record.ruleID), rule.rule.writeBack
        else { return }
        let match = rule.rule.match
        guard let platform = try await platforms.platform(issuer: match.issuer, clientID: match.clientID),
            let course = try await courses.course(issuer: match.issuer, clientID: match.clientID, contextID: match.contextID),
            let container = course.lineItemsURL.flatMap(URL.init(string:))
        else {
            // Without a launch that told badged where the course's line items are, there is nowhere to write.
            return
        }
        let badgeClass = try await catalog.find(BadgeClass.self, id: rule.rule.badgeClassID)
        let name = badgeClass.map { $0.name.preferred($0.language) } ?? "badge"
        let resourceID = rule.rule.badgeClassID.uuidString.lowercased()
        var lineItem = try await services.lineItems(at: container, platform: platform).first { $0.tag == Self.tag && $0.resourceId == resourceID }
        if lineItem == nil {
            lineItem = try await services.create(
                LineItem(scoreMaximum: 1, label: "Badge: \(name)", resourceId: resourceID, tag: Self.tag),
                at: container,
                platform: platform
            )
        }
        guard let url = lineItem?.id.flatMap(URL.init(string:)) else {
            throw LTIError(.invalidResponse, "The platform's badge line item has no URL.")
        }
        let score = Score(
            userID: record.event.userID,
            scoreGiven: 1,
            scoreMaximum: 1,
            comment: urls.assertion(assertionID),
            timestamp: clock.now(),
            activityProgress: .completed,
            gradingProgress: .fullyGraded
        )
        try await services.post(score, to: url, platform: platform)
    }
}
