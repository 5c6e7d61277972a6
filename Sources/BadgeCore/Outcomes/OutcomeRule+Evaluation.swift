import Foundation

extension OutcomeRule {
    /// Judges one grade; pure, so the same grade always gets the same verdict and sentence.
    public func evaluate(_ event: OutcomeEvent) -> OutcomeVerdict {
        let item = event.itemTitle ?? event.lineItemURL ?? event.resourceLinkID ?? "the activity"
        let day = Self.day(event.timestamp)
        if requireFullyGraded, event.gradingProgress != .fullyGraded, condition != .completed {
            let progress = event.gradingProgress?.rawValue ?? "no grading progress"
            return OutcomeVerdict(.notReady, "The grade for \(item) on \(day) is not fully graded yet (\(progress)).")
        }
        switch condition {
        case .completed:
            if event.activityProgress == .completed {
                return OutcomeVerdict(.passes, "\(item) was completed on \(day).")
            }
            let progress = event.activityProgress?.rawValue ?? "no activity progress"
            return OutcomeVerdict(.fails, "\(item) is not completed (\(progress) on \(day)); the rule requires Completed.")
        case .scoreRatio(let threshold):
            guard let given = event.scoreGiven, let maximum = event.scoreMaximum, let ratio = event.ratio else {
                return OutcomeVerdict(.notReady, "\(item) has no score yet on \(day).")
            }
            guard ratio < threshold - 1e-9 else {
                let score = "\(Self.number(given)) of \(Self.number(maximum)) (\(Self.percent(ratio))) in \(item) on \(day)"
                return OutcomeVerdict(.passes, "\(score) meets the rule's \(Self.percent(threshold)).")
            }
            let shown = Self.number(given, below: threshold * maximum)
            let percent = Self.number(ratio * 100, below: threshold * 100) + " %"
            let score = "\(shown) of \(Self.number(maximum)) (\(percent)) in \(item) on \(day)"
            return OutcomeVerdict(.fails, "\(score) is below the rule's \(Self.percent(threshold)).")
        case .dutchGrade(let threshold):
            guard let given = event.scoreGiven, let maximum = event.scoreMaximum else {
                return OutcomeVerdict(.notReady, "\(item) has no grade yet on \(day).")
            }
            guard abs(maximum - 10) < 1e-9 else {
                return OutcomeVerdict(
                    .fails,
                    "\(item) is graded out of \(Self.number(maximum)) on \(day); the rule expects a Dutch grade out of 10."
                )
            }
            guard given < threshold - 1e-9 else {
                return OutcomeVerdict(.passes, "\(Self.number(given)) of 10 in \(item) on \(day) meets the rule's \(Self.number(threshold)).")
            }
            let score = "\(Self.number(given, below: threshold)) of 10 in \(item) on \(day)"
            return OutcomeVerdict(.fails, "\(score) is below the rule's \(Self.number(threshold)).")
        case .passFail:
            guard let given = event.scoreGiven, let maximum = event.scoreMaximum else {
                return OutcomeVerdict(.notReady, "\(item) has no result yet on \(day).")
            }
            return given >= maximum - 1e-9
                ? OutcomeVerdict(.passes, "\(item) was passed on \(day).")
                : OutcomeVerdict(.fails, "\(item) was not passed on \(day) (\(Self.number(given)) of \(Self.number(maximum))).")
        }
    }

    /// The grade as the assertion's `grade` shows it when the rule includes it (`7.5/10`).
    public func gradeText(for event: OutcomeEvent) -> String? {
        guard includeGrade, let given = event.scoreGiven, let maximum = event.scoreMaximum else { return nil }
        return "\(Self.number(given))/\(Self.number(maximum))"
    }

    /// A number with at most `digits` decimals and no trailing zeros (`7.5`, `10`, `0.55`).
    static func number(_ value: Double, digits: Int = 2) -> String {
        GradeText.number(value, digits: digits)
    }

    /// A failing value with as many decimals (up to 6) as it takes not to read as the limit it
    /// falls short of: 5.499 is not shown as 5.5 below the rule's 5.5.
    static func number(_ value: Double, below limit: Double) -> String {
        for digits in 2..<6 where number(value, digits: digits) != number(limit, digits: digits) {
            return number(value, digits: digits)
        }
        return number(value, digits: 6)
    }

    static func percent(_ ratio: Double) -> String {
        number(ratio * 100) + " %"
    }

    /// The UTC calendar day, such as `2026-11-20`.
    static func day(_ date: Date) -> String {
        GradeText.day(date)
    }
}
