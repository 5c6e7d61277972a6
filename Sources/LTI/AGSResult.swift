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
    public init(
        id: String? = nil,
        userId: String,
        resultScore: Double? = nil,
        resultMaximum: Double? = nil,
        comment: String? = nil,
        scoreOf: String? = nil
    ) {
        self.id = id
        self.userId = userId
        self.resultScore = resultScore
        self.resultMaximum = resultMaximum
        self.comment = comment
        self.scoreOf = scoreOf
    }
}
