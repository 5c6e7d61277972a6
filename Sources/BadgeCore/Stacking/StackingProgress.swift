/// How far a recipient is with one node of a stacking rule, for progress pages: met or not, and
/// what is had against what is needed. Children follow the rule's order.
public struct StackingProgress: Hashable, Sendable {
    /// What a node counts.
    public enum Measure: Hashable, Sendable {
        /// Met requirements (a leaf: held or not, of 1).
        case requirements(have: Int, need: Int)
        /// EC of met requirements (`min_ects`).
        case ects(have: Double, need: Double)
    }

    /// The node's JSON path, such as `rule.all_of[2]`.
    public var path: String
    /// The node's kind as its JSON key: `badge_class`, `external`, `all_of`, `at_least`, `min_ects`.
    public var kind: String
    /// The node's label, or the component's name for a leaf.
    public var label: String?
    /// The component of a leaf.
    public var component: StackingRule.Component?
    /// For a leaf, the EC the component carries (the counting credential's, else the catalogue's).
    public var ects: Double?
    /// Whether the node is met.
    public var isSatisfied: Bool
    /// What is had against what is needed.
    public var measure: Measure
    /// The progress of the node's children.
    public var children: [StackingProgress]

    /// Creates a progress node.
    public init(
        path: String,
        kind: String,
        label: String?,
        component: StackingRule.Component? = nil,
        ects: Double? = nil,
        isSatisfied: Bool,
        measure: Measure,
        children: [StackingProgress] = []
    ) {
        self.path = path
        self.kind = kind
        self.label = label
        self.component = component
        self.ects = ects
        self.isSatisfied = isSatisfied
        self.measure = measure
        self.children = children
    }
}
