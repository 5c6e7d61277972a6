public import Foundation

/// One grade, whatever brought it: an AGS result read from the platform, an AGS score pushed to
/// badged, an LTI 1.1 Basic Outcome, or a manual entry. Every intake produces this value, so
/// rules, awarding and the audit see one shape.
public struct OutcomeEvent: Hashable, Sendable, Codable {
    /// Where the grade came from.
    public enum Source: String, Hashable, Sendable, Codable, CaseIterable {
        case agsResult = "ags_result", agsScore = "ags_score", lti11Outcome = "lti11_outcome", manual
    }

    /// AGS `activityProgress`.
    public enum ActivityProgress: String, Hashable, Sendable, Codable, CaseIterable {
        case initialized = "Initialized", started = "Started", inProgress = "InProgress", submitted = "Submitted", completed = "Completed"
    }

    /// AGS `gradingProgress`.
    public enum GradingProgress: String, Hashable, Sendable, Codable, CaseIterable {
        case fullyGraded = "FullyGraded", pending = "Pending", pendingManual = "PendingManual", failed = "Failed", notReady = "NotReady"
    }

    /// The platform registration the grade belongs to.
    public struct Platform: Hashable, Sendable, Codable {
        /// The platform's `iss`.
        public var issuer: String
        /// badged's client id there.
        public var clientID: String
        /// The deployment, when known.
        public var deploymentID: String?

        /// Names a platform.
        public init(issuer: String, clientID: String, deploymentID: String? = nil) {
            self.issuer = issuer
            self.clientID = clientID
            self.deploymentID = deploymentID
        }
    }

    /// The platform.
    public var platform: Platform
    /// The course (LTI context id).
    public var contextID: String
    /// The course title, when known.
    public var contextTitle: String?
    /// The AGS line item URL, when the grade names one.
    public var lineItemURL: String?
    /// The resource link id, when the grade names one.
    public var resourceLinkID: String?
    /// The line item's label or the activity's title, for explanations.
    public var itemTitle: String?
    /// The platform's user id (`sub`).
    public var userID: String
    /// Identifiers known for the user besides `sub` (from launches, NRPS, the grade source).
    public var identities: [Recipient]
    /// `scoreGiven`.
    public var scoreGiven: Double?
    /// `scoreMaximum`.
    public var scoreMaximum: Double?
    /// `activityProgress`.
    public var activityProgress: ActivityProgress?
    /// `gradingProgress`.
    public var gradingProgress: GradingProgress?
    /// When the grade was given.
    public var timestamp: Date
    /// The grader's comment.
    public var comment: String?
    /// The intake.
    public var source: Source

    /// Creates an event.
    public init(
        platform: Platform,
        contextID: String,
        contextTitle: String? = nil,
        lineItemURL: String? = nil,
        resourceLinkID: String? = nil,
        itemTitle: String? = nil,
        userID: String,
        identities: [Recipient] = [],
        scoreGiven: Double? = nil,
        scoreMaximum: Double? = nil,
        activityProgress: ActivityProgress? = nil,
        gradingProgress: GradingProgress? = nil,
        timestamp: Date,
        comment: String? = nil,
        source: Source
    ) {
        self.platform = platform
        self.contextID = contextID
        self.contextTitle = contextTitle
        self.lineItemURL = lineItemURL
        self.resourceLinkID = resourceLinkID
        self.itemTitle = itemTitle
        self.userID = userID
        self.identities = identities
        self.scoreGiven = scoreGiven
        self.scoreMaximum = scoreMaximum
        self.activityProgress = activityProgress
        self.gradingProgress = gradingProgress
        self.timestamp = timestamp
        self.comment = comment
        self.source = source
    }

    /// The score as a fraction of the maximum, when both are present and the maximum is positive.
    public var ratio: Double? {
        guard let scoreGiven, let scoreMaximum, scoreMaximum > 0 else { return nil }
        return scoreGiven / scoreMaximum
    }

    /// What decides whether the same grade arrived before: everything that can change a decision.
    public var fingerprint: String {
        [
            scoreGiven.map { String($0) } ?? "-", scoreMaximum.map { String($0) } ?? "-",
            activityProgress?.rawValue ?? "-", gradingProgress?.rawValue ?? "-",
        ].joined(separator: "|")
    }
}
