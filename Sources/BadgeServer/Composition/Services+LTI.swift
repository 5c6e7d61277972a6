import BadgeCore
import BadgeIssuing
import LTI
import OpenBadges

extension Services.Builder {
    /// Builds the LTI tool's keys and the LMS services signed with them: the tool keyring (only
    /// when `signing.key_encryption_key` keeps tool keys in the database), the resolver the LTI
    /// routes and grade services take the keys from, and the AGS and NRPS clients.
    func ltiKeys() -> (toolKeyring: ToolKeyring?, toolKeys: ToolKeyResolver, advantage: AdvantageServices) {
        let toolKeyring =
            configuration.keyEncryptionKey == nil
            ? nil : ToolKeyring(store: stores.toolKeyStore, encryption: encryption, ids: ids, clock: clock)
        let toolKeys = ToolKeyResolver(injected: dependencies.toolKeys, keyring: toolKeyring, logger: logger)
        let advantage = AdvantageServices(client: client, policy: policy, toolKeys: toolKeys, clock: LTIClockAdapter(source: clock))
        return (toolKeyring, toolKeys, advantage)
    }

    /// Builds what platforms and courses are linked through: the one-time LTI dynamic
    /// registration links, and the course badges (deep linking, course links, grade intake for
    /// a course and stacking after its awards).
    func ltiCourses(urls: PublicURLs, intake: GradeIntake, stacker: Stacker) -> (registrationLinks: LTIRegistrationLinks, courses: CourseBadges) {
        let registrationLinks = LTIRegistrationLinks(store: stores.registrationLinkStore, baseURL: configuration.publicBaseURL, random: random)
        let courses = CourseBadges(
            .init(
                catalog: stores.catalog,
                platforms: stores.platforms,
                deepLinks: stores.deepLinks,
                courseLinks: stores.courseLinks,
                assertions: stores.assertions,
                recipientMapping: configuration.recipientMapping,
                urls: urls,
                ids: ids,
                clock: clock,
                random: random,
                courseDirectory: stores.courseDirectory,
                intake: intake,
                stacker: stacker
            )
        )
        return (registrationLinks, courses)
    }
}
