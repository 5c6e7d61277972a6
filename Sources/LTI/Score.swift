public import Foundation
import Primitives

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
        userID: String,
        scoreGiven: Double? = nil,
        scoreMaximum: Double? = nil,
        comment: String? = nil,
        timestamp: Date,
        activityProgress: ActivityProgress = .completed,
        gradingProgress: GradingProgress = .fullyGraded
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
        if let scoreGiven { body["scoreGiven"] = .double(scoreGiven) }
        if let scoreMaximum { body["scoreMaximum"] = .double(scoreMaximum) }
        if let comment { body["comment"] = .string(comment) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(body)
    }
}
