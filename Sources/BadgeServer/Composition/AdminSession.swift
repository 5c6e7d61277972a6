public import BadgeCore
public import BadgeIssuing
public import Configuration
public import Foundation
public import Logging

/// The operator tasks behind `badged import`, `keys`, `award`, `revoke`, `platform` and `stack`, run
/// directly on the configured database (no daemon needed): ``administration`` on the parts
/// the daemon uses too. Open, use, then ``close()``.
public struct AdminSession: Sendable {
    private let services: Services

    /// The tasks.
    public var administration: Administration { services.administration }

    /// The tasks of grades to badges.
    public var outcomes: OutcomeAdministration { services.outcomeAdministration }

    /// The stacking rules of composite badge classes (`badged stack import`, `show`).
    public var stackingRules: StackingRules { services.stackingRules }

    /// Stacking for the whole cohort of one composite badge class (`badged stack evaluate`),
    /// issuing through the daemon's stacker.
    public var stackingCohort: StackingCohort { StackingCohort(stacker: services.stacker) }

    /// Claim codes and the review of claims (`badged claims …`).
    public var claimCodes: ClaimCodes { services.claimCodes }

    /// The claim page of a code: the link to hand out.
    public func claimURL(code: String) -> String {
        Route.claimCodePage.url(baseURL: services.configuration.publicBaseURL, ["code": code])
    }

    /// The grade intake (benchmarks feed it events directly).
    public var intake: GradeIntake { services.intake }

    /// The recorded grades (benchmarks measure their storage apart from the intake).
    public var outcomeEvents: any OutcomeEventStore { services.outcomeEvents }

    /// Records a course as a launch would (its service URLs), for imports and benchmarks.
    public func recordCourse(_ course: LTICourse) async throws {
        try await services.courseDirectory.record(course, at: services.dependencies.clock.now())
    }

    /// A result sync on this session's database, leased as `cli-…`.
    public func resultSync() -> ResultSync {
        services.resultSync(owner: "cli-" + services.dependencies.ids.makeID().uuidString.lowercased())
    }

    /// The handler that re-signs a key rotation's assertions, with `pageSize` assertions per
    /// outbox message (the daemon's outbox delivery runs it with the default page size).
    public func assertionResigner(pageSize: Int = AssertionResigner.defaultPageSize) -> AssertionResigner {
        AssertionResigner(jobs: services.resigningJobs, keyring: services.keyring, documents: services.documents, pageSize: pageSize)
    }

    /// The daemon's outbox delivery (the handlers of every topic, stacking included) on this
    /// session's database, leased as `owner`; benchmarks drain it to time follow-up work.
    public func outboxDelivery(owner: String, logger: Logger) -> OutboxDelivery {
        OutboxDelivery(outbox: services.outbox, handlers: services.outboxHandlers, clock: services.dependencies.clock, owner: owner, logger: logger)
    }

    /// Opens and migrates the database that the configuration names.
    public static func open(
        reader: ConfigReader,
        logger: Logger,
        clock: any TimeSource = SystemTimeSource(),
        ids: any IDGenerator = UUIDv7Generator()
    ) async throws -> AdminSession {
        let configuration = try AppConfiguration(reader: reader)
        let services = try await Services.open(
            configuration: configuration,
            dependencies: AppDependencies(clock: clock, ids: ids, logger: logger),
            logger: logger
        )
        return AdminSession(services: services)
    }

    /// Issues a single-use access link to a recipient's wallet (`badged recipients access-link`).
    /// - Parameter lifetime: seconds it works (up to 7 days); nil for `students.access_link.lifetime`.
    /// - Returns: the link and when it stops working.
    /// - Throws: ``BadgeCoreError`` `.notFound` when the recipient holds no credential here.
    public func issueAccessLink(for recipient: Recipient, lifetime: TimeInterval?) async throws -> (url: String, expiresAt: Date) {
        let (token, expiresAt) = try await services.studentAccess.issueAccessLink(for: recipient, institutionID: nil, lifetime: lifetime, actor: "cli")
        return (Route.walletAccessLink.url(baseURL: services.configuration.publicBaseURL, ["token": token]), expiresAt)
    }

    /// Issues a single-use reviewer link to the claim review page (`badged claims review-link`).
    /// - Parameters:
    ///   - institutionID: the institution to review; nil to take the badge class's.
    ///   - badgeClassID: the one badge class to review; nil for the whole institution.
    ///   - lifetime: seconds it works (up to 7 days); nil for `students.access_link.lifetime`.
    /// - Returns: the link, when it stops working, and its scope.
    /// - Throws: ``BadgeCoreError`` `.notFound` for an unknown institution or class, `.validation`.
    public func issueReviewLink(
        institutionID: UUID?,
        badgeClassID: UUID?,
        lifetime: TimeInterval?
    ) async throws -> (url: String, expiresAt: Date, scope: ClaimReviewScope) {
        let link = try await services.claimReviewers.issueLink(
            institutionID: institutionID,
            badgeClassID: badgeClassID,
            lifetime: lifetime,
            actor: "cli",
            allowed: { _ in true }
        )
        return (Route.reviewLinkPage.url(baseURL: services.configuration.publicBaseURL, ["token": link.token]), link.expiresAt, link.scope)
    }

    /// Closes the database.
    public func close() async throws {
        try await services.close()
    }
}
