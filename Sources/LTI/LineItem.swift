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
    public init(
        id: String? = nil,
        scoreMaximum: Double? = nil,
        label: String? = nil,
        resourceId: String? = nil,
        resourceLinkId: String? = nil,
        tag: String? = nil
    ) {
        self.id = id
        self.scoreMaximum = scoreMaximum
        self.label = label
        self.resourceId = resourceId
        self.resourceLinkId = resourceLinkId
        self.tag = tag
    }
}
