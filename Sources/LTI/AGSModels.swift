public import Foundation

/// An AGS line item (a grade book column).
public struct LineItem: Hashable, Sendable, Codable {
    /// The line item URL.
    public var id: String?
    /// `scoreMaximum`.
    public var scoreMaximum: Double?
    /// `label`.
    public var label: String?
    /// `resourceId`.
    public var resourceId: String?
    /// `resourceLinkId`.
    public var resourceLinkId: String?
    /// `tag`.
    public var tag: String?

    /// Creates a line item.
    public init(id: String? = nil, scoreMaximum: Double? = nil, label: String? = nil, resourceId: String? = nil, resourceLinkId: String? = nil, tag: String? = nil) {
        self.id = id
        self.scoreMaximum = scoreMaximum
        self.label = label
        self.resourceId = resourceId
        self.resourceLinkId = resourceLinkId
        self.tag = tag
    }
}

/// An AGS result: the current grade of one user in one line item.
public struct AGSResult: Hashable, Sendable, Codable {
    /// The result URL.
    public var id: String?
    /// The platform user id (`sub` of launches).
    public var userId: String
    /// `resultScore`.
    public var resultScore: Double?
    /// `resultMaximum`.
    public var resultMaximum: Double?
    /// `comment`.
    public var comment: String?
    /// The line item URL the result belongs to.
    public var scoreOf: String?

    /// Creates a result.
    public init(id: String? = nil, userId: String, resultScore: Double? = nil, resultMaximum: Double? = nil, comment: String? = nil, scoreOf: String? = nil) {
        self.id = id
        self.userId = userId
        self.resultScore = resultScore
        self.resultMaximum = resultMaximum
        self.comment = comment
        self.scoreOf = scoreOf
    }
}

/// An AGS score to post (media type `application/vnd.ims.lis.v1.score+json`).
public struct Score: Hashable, Sendable {
    /// `activityProgress`.
    public enum ActivityProgress: String, Hashable, Sendable, Codable {
        case initialized = "Initialized", started = "Started", inProgress = "InProgress", submitted = "Submitted", completed = "Completed"
    }

    /// `gradingProgress`.
    public enum GradingProgress: String, Hashable, Sendable, Codable {
        case fullyGraded = "FullyGraded", pending = "Pending", pendingManual = "PendingManual", failed = "Failed", notReady = "NotReady"
    }

    /// The platform user id.
    public var userID: String
    /// `scoreGiven`.
    public var scoreGiven: Double?
    /// `scoreMaximum` (required with `scoreGiven`).
    public var scoreMaximum: Double?
    /// `comment`.
    public var comment: String?
    /// When the score was set.
    public var timestamp: Date
    /// `activityProgress`.
    public var activityProgress: ActivityProgress
    /// `gradingProgress`.
    public var gradingProgress: GradingProgress

    /// Creates a score.
    public init(
        userID: String, scoreGiven: Double? = nil, scoreMaximum: Double? = nil, comment: String? = nil, timestamp: Date,
        activityProgress: ActivityProgress = .completed, gradingProgress: GradingProgress = .fullyGraded
    ) {
        self.userID = userID
        self.scoreGiven = scoreGiven
        self.scoreMaximum = scoreMaximum
        self.comment = comment
        self.timestamp = timestamp
        self.activityProgress = activityProgress
        self.gradingProgress = gradingProgress
    }

    /// The JSON body (sorted keys; timestamp ISO 8601 with milliseconds, UTC).
    func jsonBody() throws -> Data {
        var body: [String: JSONValue] = [
            "userId": .string(userID),
            "timestamp": .string(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt).format(timestamp)),
            "activityProgress": .string(activityProgress.rawValue),
            "gradingProgress": .string(gradingProgress.rawValue),
        ]
        if let scoreGiven { body["scoreGiven"] = .number(scoreGiven) }
        if let scoreMaximum { body["scoreMaximum"] = .number(scoreMaximum) }
        if let comment { body["comment"] = .string(comment) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(body)
    }
}
