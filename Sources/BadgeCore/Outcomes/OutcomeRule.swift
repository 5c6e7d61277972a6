public import Foundation

/// A declarative rule that turns grades into awards: which grades it watches (``Match``), when a
/// grade earns the badge (``Condition``), and what then happens (``Action``).
///
/// JSON shape (the API's and the rule files'):
/// ```json
/// {"badge_class_id": "…", "match": {"issuer": "…", "client_id": "…", "context_id": "…", "line_item": "https://…"},
///  "condition": {"type": "score_ratio", "threshold": 0.55}, "action": "issue",
///  "require_fully_graded": true, "include_grade": false, "on_fall_below": "flag", "write_back": false}
/// ```
public struct OutcomeRule: Hashable, Sendable, Codable {
    /// Which grades the rule watches: one line item or resource link of one course of one platform.
    public struct Match: Hashable, Sendable, Codable {
        /// The platform's `iss`.
        public var issuer: String
        /// badged's client id on the platform.
        public var clientID: String
        /// The course.
        public var contextID: String
        /// The AGS line item URL.
        public var lineItem: String?
        /// The resource link id (when grades name the activity rather than a line item).
        public var resourceLinkID: String?

        enum CodingKeys: String, CodingKey {
            case issuer, clientID = "client_id", contextID = "context_id", lineItem = "line_item", resourceLinkID = "resource_link_id"
        }

        /// Creates a match.
        public init(issuer: String, clientID: String, contextID: String, lineItem: String? = nil, resourceLinkID: String? = nil) {
            self.issuer = issuer
            self.clientID = clientID
            self.contextID = contextID
            self.lineItem = lineItem
            self.resourceLinkID = resourceLinkID
        }

        /// Whether the event is one the rule watches.
        public func covers(_ event: OutcomeEvent) -> Bool {
            guard event.platform.issuer == issuer, event.platform.clientID == clientID, event.contextID == contextID else { return false }
            if let lineItem { return event.lineItemURL == lineItem }
            return resourceLinkID != nil && event.resourceLinkID == resourceLinkID
        }
    }

    /// When a grade earns the badge.
    public enum Condition: Hashable, Sendable {
        /// scoreGiven / scoreMaximum at least the threshold (0…1).
        case scoreRatio(atLeast: Double)
        /// A Dutch 1–10 grade (scoreMaximum 10) at least the threshold, 5.5 by default.
        case dutchGrade(atLeast: Double)
        /// Pass/fail: full marks pass (a complete/incomplete item posts 1 of 1 or 0 of 1).
        case passFail
        /// activityProgress Completed, whatever the score.
        case completed
    }

    /// What happens when a grade passes.
    public enum Action: String, Hashable, Sendable, Codable {
        /// The badge is issued at once.
        case issue
        /// An instructor or registrar approves or denies first.
        case pending
    }

    /// What happens when a later grade no longer passes after the badge was issued.
    public enum FallBelowPolicy: String, Hashable, Sendable, Codable {
        /// Nothing; the badge stays.
        case keep
        /// The award is flagged for review (the default).
        case flag
        /// The badge is revoked.
        case revoke
    }

    /// The badge class awarded.
    public var badgeClassID: UUID
    /// The grades watched.
    public var match: Match
    /// When a grade passes.
    public var condition: Condition
    /// What a passing grade does.
    public var action: Action
    /// Whether only FullyGraded grades count.
    public var requireFullyGraded: Bool
    /// Whether the achieved grade goes into the assertion (off by default, as edubadges'
    /// `include_grade_achieved`).
    public var includeGrade: Bool
    /// What a later failing grade does.
    public var onFallBelow: FallBelowPolicy
    /// Whether badged posts "Badge: <name>" to a line item of its own when it issues.
    public var writeBack: Bool
    /// The watched item's name, for explanations ("Unit 1 Quiz").
    public var title: String?

    /// Creates a rule.
    public init(
        badgeClassID: UUID,
        match: Match,
        condition: Condition,
        action: Action = .issue,
        requireFullyGraded: Bool = true,
        includeGrade: Bool = false,
        onFallBelow: FallBelowPolicy = .flag,
        writeBack: Bool = false,
        title: String? = nil
    ) {
        self.badgeClassID = badgeClassID
        self.match = match
        self.condition = condition
        self.action = action
        self.requireFullyGraded = requireFullyGraded
        self.includeGrade = includeGrade
        self.onFallBelow = onFallBelow
        self.writeBack = writeBack
        self.title = title
    }

    enum CodingKeys: String, CodingKey {
        case badgeClassID = "badge_class_id", match, condition, action, requireFullyGraded = "require_fully_graded"
        case includeGrade = "include_grade", onFallBelow = "on_fall_below", writeBack = "write_back", title
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        badgeClassID = try container.decode(UUID.self, forKey: .badgeClassID)
        match = try container.decode(Match.self, forKey: .match)
        condition = try container.decode(Condition.self, forKey: .condition)
        action = try container.decodeIfPresent(Action.self, forKey: .action) ?? .issue
        requireFullyGraded = try container.decodeIfPresent(Bool.self, forKey: .requireFullyGraded) ?? true
        includeGrade = try container.decodeIfPresent(Bool.self, forKey: .includeGrade) ?? false
        onFallBelow = try container.decodeIfPresent(FallBelowPolicy.self, forKey: .onFallBelow) ?? .flag
        writeBack = try container.decodeIfPresent(Bool.self, forKey: .writeBack) ?? false
        title = try container.decodeIfPresent(String.self, forKey: .title)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(badgeClassID.uuidString.lowercased(), forKey: .badgeClassID)
        try container.encode(match, forKey: .match)
        try container.encode(condition, forKey: .condition)
        try container.encode(action, forKey: .action)
        try container.encode(requireFullyGraded, forKey: .requireFullyGraded)
        try container.encode(includeGrade, forKey: .includeGrade)
        try container.encode(onFallBelow, forKey: .onFallBelow)
        try container.encode(writeBack, forKey: .writeBack)
        try container.encodeIfPresent(title, forKey: .title)
    }
}
