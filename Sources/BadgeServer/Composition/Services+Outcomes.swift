import BadgeCore
import BadgeIssuing

extension Services.Builder {
    /// Builds grade intake and the ways grades reach it: the learner identity sealing LMS user
    /// ids, the intake that turns grades into awards and revocations (through `awarder` and
    /// `revoker`), LTI 1.1 Basic Outcomes consumers, and course grading from deep-linking sessions.
    func gradeIntake(
        awarder: Awarder,
        revoker: Revoker
    ) -> (learnerIdentity: LearnerIdentity, intake: GradeIntake, basicOutcomes: BasicOutcomes, grading: CourseGrading) {
        let learnerIdentity = LearnerIdentity(encryption: encryption)
        let intake = GradeIntake(
            .init(
                rules: stores.outcomeRuleStore,
                events: stores.outcomeEvents,
                learners: stores.learners,
                assertions: stores.assertions,
                awarder: awarder,
                revoker: revoker,
                identity: learnerIdentity,
                ids: ids,
                clock: clock
            )
        )
        let basicOutcomes = BasicOutcomes(
            consumers: stores.basicOutcomeConsumers,
            rules: stores.outcomeRuleStore,
            events: stores.outcomeEvents,
            intake: intake,
            encryption: encryption,
            replay: stores.replayGuard,
            ids: ids,
            clock: clock
        )
        let grading = CourseGrading(
            rules: stores.outcomeRuleStore,
            events: stores.outcomeEvents,
            sessions: stores.deepLinks,
            intake: intake,
            random: random,
            clock: clock
        )
        return (learnerIdentity, intake, basicOutcomes, grading)
    }

    /// Builds the administration of outcome rules: the rules themselves, and the admin view of
    /// their events, explanations of decisions, re-runs through `intake` and Basic Outcomes
    /// consumers.
    func outcomeAdministration(
        intake: GradeIntake,
        basicOutcomes: BasicOutcomes
    ) -> (outcomeRules: OutcomeRules, outcomeAdministration: OutcomeAdministration) {
        let outcomeRules = OutcomeRules(rules: stores.outcomeRuleStore, catalog: stores.catalog, platforms: stores.platforms, ids: ids, clock: clock)
        let outcomeAdministration = OutcomeAdministration(
            .init(
                catalog: stores.catalog,
                rules: outcomeRules,
                events: stores.outcomeEvents,
                intake: intake,
                explanation: OutcomeExplanation(assertions: stores.assertions, events: stores.outcomeEvents, rules: stores.outcomeRuleStore),
                basicOutcomes: basicOutcomes,
                platforms: stores.platforms,
                random: random
            )
        )
        return (outcomeRules, outcomeAdministration)
    }
}
