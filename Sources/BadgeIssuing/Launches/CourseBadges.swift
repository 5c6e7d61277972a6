public import BadgeCore
public import Foundation
public import LTI
public import OpenBadges

/// What badged does with an accepted LTI launch: instructors see the institution's badge
/// classes, students their badges for the course (found by `lti.recipient_identity`), and a
/// deep-linking request becomes a pick that places a badge class in the course.
public struct CourseBadges: Sendable {
    /// A badge the student holds.
    public struct HeldBadge: Hashable, Sendable {
        /// The badge class's name.
        public let name: String
        /// The public assertion URL.
        public let url: String
        /// When it was issued.
        public let issuedOn: Date
    }

    /// What a launch lands on.
    public struct Landing: Sendable {
        /// The institution's badge classes (empty when the platform has no institution).
        public let badgeClasses: [Record<BadgeClass>]
        /// The student's badges (student resource-link launches only).
        public let heldBadges: [HeldBadge]
        /// For a deep-linking request: the pick session the instructor's choice posts back.
        public let pickSession: String?
        /// The student's progress toward the course's composites (student launches only).
        public var progress: [Stacker.Assessment] = []
        /// The student as a recipient (student resource-link launches only), for the hand-off to
        /// their wallet.
        public var recipient: Recipient?
    }

    /// How long an instructor has to pick.
    public static let pickLifetime: TimeInterval = 900

    /// The parts the use case works with.
    public struct Parts: Sendable {
        public var catalog: any CatalogStore
        public var platforms: any PlatformRegistrationStore
        public var deepLinks: any DeepLinkSessionStore
        public var courseLinks: any CourseLinkStore
        public var assertions: any AssertionStore
        public var recipientMapping: LTIRecipientMapping
        public var urls: PublicURLs
        public var ids: any IDGenerator
        public var clock: any TimeSource
        public var random: any RandomSource
        /// Where launches record their course's service URLs, for grade syncs.
        public var courseDirectory: (any CourseDirectory)?
        /// The grade intake, told who each launching student is (grades waiting for them are judged).
        public var intake: GradeIntake?
        /// Stacking, for a student's progress toward the course's composites.
        public var stacker: Stacker?

        /// Collects the parts.
        public init(
            catalog: any CatalogStore,
            platforms: any PlatformRegistrationStore,
            deepLinks: any DeepLinkSessionStore,
            courseLinks: any CourseLinkStore,
            assertions: any AssertionStore,
            recipientMapping: LTIRecipientMapping,
            urls: PublicURLs,
            ids: any IDGenerator,
            clock: any TimeSource,
            random: any RandomSource,
            courseDirectory: (any CourseDirectory)? = nil,
            intake: GradeIntake? = nil,
            stacker: Stacker? = nil
        ) {
            self.catalog = catalog
            self.platforms = platforms
            self.deepLinks = deepLinks
            self.courseLinks = courseLinks
            self.assertions = assertions
            self.recipientMapping = recipientMapping
            self.urls = urls
            self.ids = ids
            self.clock = clock
            self.random = random
            self.courseDirectory = courseDirectory
            self.intake = intake
            self.stacker = stacker
        }
    }

    private let parts: Parts
    private let recordedCourses = RecordedCourses()

    /// Creates the use case.
    public init(_ parts: Parts) {
        self.parts = parts
    }

    /// What an accepted launch shows.
    /// - Throws: ``LTIError`` `.missingClaim` when a student launch carries none of the mapped
    ///   claims; ``BadgeCoreError`` `.forbidden` for a deep-linking request of a non-instructor.
    public func land(_ launch: LTILaunch) async throws -> Landing {
        let institutionID = try await parts.platforms.institutionID(issuer: launch.issuer, clientID: launch.clientID)
        let isStudentLaunch = launch.messageType == .resourceLink && !launch.isInstructor
        var badgeClasses: [Record<BadgeClass>] = []
        // The institution's catalogue is listed for instructors (their list, the pick, the rule
        // form); a student's page names only the badges they hold, read by id.
        if let institutionID, !isStudentLaunch {
            badgeClasses = try await parts.catalog.list(
                BadgeClass.self,
                filter: CatalogFilter(institutionID: institutionID),
                page: PageRequest(limit: PageRequest.maximumLimit)
            ).items
        }
        if let directory = parts.courseDirectory, let context = launch.context {
            let course = LTICourse(
                issuer: launch.issuer,
                clientID: launch.clientID,
                contextID: context.id,
                title: context.title,
                lineItemsURL: launch.ags?.lineItemsURL?.absoluteString,
                membershipsURL: launch.nrps?.contextMembershipsURL.absoluteString
            )
            if await recordedCourses.needsWrite(course) {
                do {
                    try await directory.record(course, at: parts.clock.now())
                } catch {
                    await recordedCourses.forget(course)
                    throw error
                }
            }
        }
        var held: [HeldBadge] = []
        var progress: [Stacker.Assessment] = []
        var student: Recipient?
        if isStudentLaunch {
            var linked: Set<UUID> = []
            if let contextID = launch.context?.id {
                linked = Set(try await parts.courseLinks.linkedBadgeClasses(issuer: launch.issuer, contextID: contextID))
            }
            let recipient: Recipient
            (held, recipient) = try await heldBadges(for: launch, institutionID: institutionID, linked: linked)
            progress = try await courseProgress(recipientKey: recipient.key, institutionID: institutionID, linked: linked)
            student = recipient
        }
        var pickSession: String?
        if launch.messageType == .deepLinking {
            guard launch.isInstructor else { throw BadgeCoreError(.forbidden, "only instructors can place badges in a course") }
            let session = Digest.hex(parts.random.bytes(32))
            try await parts.deepLinks.save(launch, id: session, expiresAt: parts.clock.now().addingTimeInterval(Self.pickLifetime))
            pickSession = session
        }
        return Landing(badgeClasses: badgeClasses, heldBadges: held, pickSession: pickSession, progress: progress, recipient: student)
    }

    /// The instructor's pick: a signed LtiDeepLinkingResponse (an ltiResourceLink for the badge
    /// class, with a line item when the platform accepts one), and the link recorded.
    /// - Parameters:
    ///   - session: the pick session of ``land(_:)``; it works once.
    ///   - launchURL: where the placed resource link launches.
    ///   - key: the tool key that signs the response.
    /// - Returns: nil when the session is unknown, used or expired.
    /// - Throws: ``BadgeCoreError`` `.forbidden` for a badge class of another institution.
    public func place(session: String, badgeClassID: UUID, launchURL: URL, key: ToolKey) async throws -> DeepLinkingResponse? {
        guard let launch = try await parts.deepLinks.take(id: session, at: parts.clock.now()) else { return nil }
        guard let badgeClass = try await parts.catalog.find(BadgeClass.self, id: badgeClassID), !badgeClass.isArchived,
            try await parts.platforms.institutionID(issuer: launch.issuer, clientID: launch.clientID) == badgeClass.institutionID
        else { throw BadgeCoreError(.forbidden, "that badge class is not one of this platform's institution") }
        let title = badgeClass.name.preferred(badgeClass.language)
        let id = badgeClassID.uuidString.lowercased()
        let item = DeepLinkingContentItem(
            title: title,
            url: launchURL,
            custom: ["badge_class_id": id],
            lineItem: launch.deepLinking?.acceptLineItem ?? false ? .init(scoreMaximum: 100, label: title, resourceID: id, tag: "badged") : nil
        )
        let response = try await DeepLinkingResponse.make(
            for: launch,
            items: [item],
            message: "Linked to the badge \(title)",
            key: key,
            clock: LTIClockAdapter(source: parts.clock)
        )
        let link = CourseLink(
            issuer: launch.issuer,
            clientID: launch.clientID,
            deploymentID: launch.deploymentID,
            contextID: launch.context?.id,
            badgeClassID: badgeClassID
        )
        try await parts.courseLinks.recordLink(link, id: parts.ids.makeID(), at: parts.clock.now())
        return response
    }

    /// The student's unrevoked badges of the platform's institution, limited to the badge
    /// classes linked into the course (`linked`) when it has any.
    private func heldBadges(
        for launch: LTILaunch,
        institutionID: UUID?,
        linked: Set<UUID>
    ) async throws -> (badges: [HeldBadge], recipient: Recipient) {
        guard let recipient = parts.recipientMapping.recipient(for: launch) else {
            throw LTIError(
                .missingClaim,
                "This launch carries none of the claims badged identifies students by (\(parts.recipientMapping.claimList)); "
                    + "ask the LMS administrator to share them with the tool."
            )
        }
        if let subject = launch.user.subject {
            try await parts.intake?.learnerSeen(issuer: launch.issuer, userID: subject, as: recipient)
        }
        guard let institutionID else { return ([], recipient) }
        // Read from the recipient index's columns, not the assertions' documents (a student with
        // many badges had every one decoded at each launch); the institution is the badge class's.
        let held = try await parts.assertions.heldAssertions(recipientKey: recipient.key, limit: 2_000)
            .filter { $0.revokedAt == nil && (linked.isEmpty || linked.contains($0.badgeClassID)) }
        let classes = held.isEmpty ? [:] : try await parts.catalog.find(BadgeClass.self, ids: Array(Set(held.map(\.badgeClassID))))
        let badges = held.compactMap { assertion -> HeldBadge? in
            guard let badgeClass = classes[assertion.badgeClassID], badgeClass.institutionID == institutionID else { return nil }
            let name = badgeClass.content.name.preferred(badgeClass.content.language)
            return HeldBadge(name: name, url: parts.urls.assertion(assertion.id), issuedOn: assertion.issuedOn)
        }
        return (Array(badges.prefix(200)), recipient)
    }

    /// The student's progress toward the composites the course's linked badge classes are part
    /// of (of the platform's institution).
    private func courseProgress(recipientKey: String, institutionID: UUID?, linked: Set<UUID>) async throws -> [Stacker.Assessment] {
        guard let stacker = parts.stacker, let institutionID, !linked.isEmpty else { return [] }
        let composites = try await stacker.composites(containing: Array(linked)).filter { $0.institutionID == institutionID }
        guard !composites.isEmpty else { return [] }
        return try await stacker.assess(recipientKey: recipientKey, composites: Array(composites.prefix(20)))
    }
}
