import BadgeCore
import Foundation
import Testing

/// Outcome rules as pure values: evaluation of each condition, the decision table, the rule's
/// own validation and its JSON shape.
@Suite("Outcome rules")
struct OutcomeRuleTests {
    /// 2026-11-20T10:00:00Z.
    static let day = Date(timeIntervalSince1970: 1_795_168_800)

    static func rule(
        _ condition: OutcomeRule.Condition,
        requireFullyGraded: Bool = true,
        onFallBelow: OutcomeRule.FallBelowPolicy = .flag
    )
        -> OutcomeRule
    {
        OutcomeRule(
            badgeClassID: UUID(),
            match: .init(issuer: "https://lms.test", clientID: "c", contextID: "course", lineItem: "https://lms.test/items/1"),
            condition: condition,
            requireFullyGraded: requireFullyGraded,
            onFallBelow: onFallBelow
        )
    }

    static func grade(
        _ given: Double?,
        of maximum: Double? = 10,
        grading: OutcomeEvent.GradingProgress? = .fullyGraded,
        activity: OutcomeEvent.ActivityProgress? = nil
    ) -> OutcomeEvent {
        OutcomeEvent(
            platform: .init(issuer: "https://lms.test", clientID: "c"),
            contextID: "course",
            lineItemURL: "https://lms.test/items/1",
            itemTitle: "Unit 1 Quiz",
            userID: "u1",
            scoreGiven: given,
            scoreMaximum: maximum,
            activityProgress: activity,
            gradingProgress: grading,
            timestamp: day,
            source: .agsScore
        )
    }

    @Test(arguments: [(0.55, OutcomeVerdict.Kind.passes), (0.54, .fails), (0.9, .passes)])
    func aScoreRatioPassesAtAndAboveItsThreshold(given: Double, expected: OutcomeVerdict.Kind) {
        let verdict = Self.rule(.scoreRatio(atLeast: 0.55)).evaluate(Self.grade(given, of: 1))
        #expect(verdict.kind == expected)
    }

    @Test func aScoreRatioSentenceNamesScoreAndThreshold() {
        let verdict = Self.rule(.scoreRatio(atLeast: 0.55)).evaluate(Self.grade(5, of: 10))
        #expect(verdict.reason == "5 of 10 (50 %) in Unit 1 Quiz on 2026-11-20 is below the rule's 55 %.")
    }

    @Test(arguments: [(5.5, OutcomeVerdict.Kind.passes), (5.4, .fails), (10, .passes)])
    func aDutchGradePassesFromFivePointFive(given: Double, expected: OutcomeVerdict.Kind) {
        #expect(Self.rule(.dutchGrade(atLeast: 5.5)).evaluate(Self.grade(given)).kind == expected)
    }

    @Test func aDutchGradeOutOfAHundredFailsWithItsSentence() {
        let verdict = Self.rule(.dutchGrade(atLeast: 5.5)).evaluate(Self.grade(80, of: 100))
        #expect(verdict.kind == .fails)
        #expect(verdict.reason == "Unit 1 Quiz is graded out of 100 on 2026-11-20; the rule expects a Dutch grade out of 10.")
    }

    @Test func aFailingDutchGradeSaysWhyInOneSentence() {
        let verdict = Self.rule(.dutchGrade(atLeast: 5.5)).evaluate(Self.grade(5.2))
        #expect(verdict.kind == .fails)
        #expect(verdict.reason == "5.2 of 10 in Unit 1 Quiz on 2026-11-20 is below the rule's 5.5.")
    }

    @Test func aFailingGradeJustBelowTheThresholdIsNotShownAsTheThreshold() {
        let dutch = Self.rule(.dutchGrade(atLeast: 5.5)).evaluate(Self.grade(5.499))
        #expect(dutch.kind == .fails)
        #expect(dutch.reason == "5.499 of 10 in Unit 1 Quiz on 2026-11-20 is below the rule's 5.5.")
        let ratio = Self.rule(.scoreRatio(atLeast: 0.55)).evaluate(Self.grade(54.996, of: 100))
        #expect(ratio.kind == .fails)
        #expect(ratio.reason == "54.996 of 100 (54.996 %) in Unit 1 Quiz on 2026-11-20 is below the rule's 55 %.")
    }

    @Test func passFailPassesOnFullMarksOnly() {
        let rule = Self.rule(.passFail)
        #expect(rule.evaluate(Self.grade(1, of: 1)).kind == .passes)
        let failed = rule.evaluate(Self.grade(0, of: 1))
        #expect(failed.kind == .fails)
        #expect(failed.reason == "Unit 1 Quiz was not passed on 2026-11-20 (0 of 1).")
    }

    @Test func completedLooksAtActivityProgressWhateverTheGrading() {
        let rule = Self.rule(.completed)
        #expect(rule.evaluate(Self.grade(nil, of: nil, grading: .pending, activity: .completed)).kind == .passes)
        let started = rule.evaluate(Self.grade(nil, of: nil, grading: nil, activity: .started))
        #expect(started.kind == .fails)
        #expect(started.reason == "Unit 1 Quiz is not completed (Started on 2026-11-20); the rule requires Completed.")
    }

    @Test func aGradeNotFullyGradedIsNotReady() {
        let verdict = Self.rule(.dutchGrade(atLeast: 5.5)).evaluate(Self.grade(8, grading: .pendingManual))
        #expect(verdict.kind == .notReady)
        #expect(verdict.reason == "The grade for Unit 1 Quiz on 2026-11-20 is not fully graded yet (PendingManual).")
        #expect(Self.rule(.dutchGrade(atLeast: 5.5), requireFullyGraded: false).evaluate(Self.grade(8, grading: .pendingManual)).kind == .passes)
    }

    @Test(arguments: [OutcomeRule.Condition.scoreRatio(atLeast: 0.5), .dutchGrade(atLeast: 5.5), .passFail])
    func aGradeWithoutAScoreIsNotReady(condition: OutcomeRule.Condition) {
        #expect(Self.rule(condition).evaluate(Self.grade(nil, of: nil)).kind == .notReady)
    }

    @Test func theDecisionTableFollowsVerdictMappingAndHolding() {
        let passes = OutcomeVerdict(.passes, "p")
        let fails = OutcomeVerdict(.fails, "f")
        let notReady = OutcomeVerdict(.notReady, "n")
        let issue = Self.rule(.passFail)
        var pending = issue
        pending.action = .pending
        #expect(AwardDecision.decide(passes, rule: issue, isMapped: false, holdsBadge: false) == .unmapped)
        #expect(AwardDecision.decide(notReady, rule: issue, isMapped: true, holdsBadge: true) == .notReady)
        #expect(AwardDecision.decide(passes, rule: issue, isMapped: true, holdsBadge: false) == .issue)
        #expect(AwardDecision.decide(passes, rule: pending, isMapped: true, holdsBadge: false) == .pending)
        #expect(AwardDecision.decide(passes, rule: issue, isMapped: true, holdsBadge: true) == .alreadyHeld)
        #expect(AwardDecision.decide(fails, rule: issue, isMapped: true, holdsBadge: false) == .notAwarded)
        #expect(AwardDecision.decide(fails, rule: Self.rule(.passFail, onFallBelow: .keep), isMapped: true, holdsBadge: true) == .kept)
        #expect(AwardDecision.decide(fails, rule: issue, isMapped: true, holdsBadge: true) == .flagged)
        #expect(AwardDecision.decide(fails, rule: Self.rule(.passFail, onFallBelow: .revoke), isMapped: true, holdsBadge: true) == .revoked)
        #expect(AwardDecision.allCases.filter(\.isOpen) == [.unmapped, .issue])
    }

    @Test func aRuleWatchesExactlyOneItem() {
        var neither = Self.rule(.passFail)
        neither.match.lineItem = nil
        var both = Self.rule(.passFail)
        both.match.resourceLinkID = "link-1"
        for rule in [neither, both] {
            #expect(throws: BadgeCoreError.self) { try rule.validate() }
            #expect(Self.field { try rule.validate() } == "match.line_item")
        }
        var link = neither
        link.match.resourceLinkID = "link-1"
        #expect(Self.field { try link.validate() } == nil)
    }

    @Test(arguments: [
        OutcomeRule.Condition.scoreRatio(atLeast: 0), .scoreRatio(atLeast: 1.2), .scoreRatio(atLeast: .nan), .dutchGrade(atLeast: 0.5),
        .dutchGrade(atLeast: 11),
    ])
    func thresholdsOutOfRangeAreRefused(condition: OutcomeRule.Condition) {
        #expect(Self.field { try Self.rule(condition).validate() } == "condition.threshold")
    }

    @Test func theDocumentedShapeDecodesWithDefaultsAndRoundTrips() throws {
        let json = """
            {"badge_class_id": "0195f3c1-0000-7000-8000-000000000001",
             "match": {"issuer": "https://lms.test", "client_id": "c", "context_id": "course", "line_item": "https://lms.test/items/1"},
             "condition": {"type": "dutch_grade"}}
            """
        let rule = try JSONDecoder().decode(OutcomeRule.self, from: Data(json.utf8))
        #expect(rule.condition == .dutchGrade(atLeast: 5.5))
        #expect(rule.action == .issue)
        #expect(rule.requireFullyGraded)
        #expect(!rule.includeGrade)
        #expect(rule.onFallBelow == .flag)
        #expect(!rule.writeBack)
        #expect(rule.match.resourceLinkID == nil)
        for candidate in [rule, Self.rule(.scoreRatio(atLeast: 0.55)), Self.rule(.passFail), Self.rule(.completed, onFallBelow: .revoke)] {
            let encoded = try JSONEncoder().encode(candidate)
            #expect(try JSONDecoder().decode(OutcomeRule.self, from: encoded) == candidate)
        }
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(rule)) as? [String: Any])
        #expect(Set(object.keys).isSuperset(of: ["badge_class_id", "match", "condition", "action", "on_fall_below", "write_back"]))
        #expect((object["match"] as? [String: Any])?["client_id"] as? String == "c")
    }

    @Test func anUnknownConditionTypeIsRefused() {
        let json =
            #"{"badge_class_id": "0195f3c1-0000-7000-8000-000000000001", "match": {"issuer": "i", "client_id": "c", "context_id": "x"},"#
            + #" "condition": {"type": "median"}}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(OutcomeRule.self, from: Data(json.utf8)) }
    }

    @Test func eventsOutOfBoundsAreRefusedNamingTheField() {
        var negative = Self.grade(-1)
        #expect(Self.field { try negative.validate() } == "scoreGiven")
        negative.scoreGiven = .nan
        #expect(Self.field { try negative.validate() } == "scoreGiven")
        #expect(Self.field { try Self.grade(5, of: nil).validate() } == "scoreMaximum")
        #expect(Self.field { try Self.grade(5, of: 0).validate() } == "scoreMaximum")
        var chatty = Self.grade(7)
        chatty.comment = String(repeating: "x", count: OutcomeEvent.maximumCommentLength + 1)
        #expect(Self.field { try chatty.validate() } == "comment")
        var nowhere = Self.grade(7)
        nowhere.lineItemURL = nil
        #expect(Self.field { try nowhere.validate() } == "lineItem")
        #expect(Self.field { try Self.grade(7).validate() } == nil)
    }

    @Test func theFingerprintChangesWithTheScoreOnly() {
        #expect(Self.grade(7).fingerprint == Self.grade(7).fingerprint)
        #expect(Self.grade(7).fingerprint != Self.grade(7.5).fingerprint)
        var commented = Self.grade(7)
        commented.comment = "well done"
        #expect(commented.fingerprint == Self.grade(7).fingerprint)
    }

    /// The field a validation failure names, nil when nothing was thrown.
    static func field(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as BadgeCoreError {
            return error.field ?? "(no field)"
        } catch {
            return "(\(error))"
        }
    }
}
