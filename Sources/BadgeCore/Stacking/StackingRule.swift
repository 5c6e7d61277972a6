public import Foundation

/// The rule of a composite badge class (a minor, a "21st-century skills" badge): a tree of
/// requirements over component credentials, plus options that decide which held credentials count.
///
/// JSON shape (the API's and the rule files'). A node is an object with exactly one of the keys
/// `badge_class`, `external`, `all_of`, `at_least` (with `of`) or `min_ects` (with `of`); inner
/// nodes may carry a `label` that explanations use ("the electives"). The options sit beside the
/// root node and are allowed only there:
/// ```json
/// {"all_of": [
///     {"badge_class": "6f1c…-uuid"},
///     {"external": "https://other.example/badges/data-ethics"},
///     {"at_least": 2, "of": [{"badge_class": "…"}, {"badge_class": "…"}, {"badge_class": "…"}]},
///     {"min_ects": 18, "of": [{"badge_class": "…"}, …], "label": "electives"}
///  ],
///  "within_months": 60, "require_unrevoked": true, "issuers": ["…issuer uuid or URL…"],
///  "allow_external": false, "on_component_lost": "flag"}
/// ```
/// Defaults: no window, `require_unrevoked` true, any issuer, `allow_external` false,
/// `on_component_lost` `flag`. Badge class ids are encoded in lower case.
///
/// Semantics (see `StackingRule+Evaluation.swift`):
/// - A leaf is met by one held, counting credential of that component.
/// - `all_of` is met when every child is; `at_least n` when n children are.
/// - `min_ects x` is met when its met children together carry at least x EC. A met child
///   contributes the EC of every counting credential beneath it; a child that is not met
///   contributes nothing (half a track earns no credit toward the total).
/// - A component appears at most once per tree (validation refuses duplicates), so no credential
///   can count twice, in two `min_ects` sums or in a mandatory unit and an elective total.
public struct StackingRule: Hashable, Sendable {
    /// What a leaf names: a credential kind whose holders meet the leaf.
    public enum Component: Hashable, Sendable, Comparable {
        /// A badge class of this badged (any institution on it).
        case badgeClass(UUID)
        /// A credential from elsewhere: an Open Badges 2.0 BadgeClass URL or an EDCI
        /// achievement/specification id.
        case external(String)

        /// The component as one string: the lower-case UUID, or the external id.
        public var key: String {
            switch self {
            case .badgeClass(let id): id.uuidString.lowercased()
            case .external(let id): id
            }
        }

        /// Whether the component is external.
        public var isExternal: Bool {
            if case .external = self { return true }
            return false
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.isExternal ? 1 : 0, lhs.key) < (rhs.isExternal ? 1 : 0, rhs.key)
        }
    }

    /// One requirement of the tree.
    public indirect enum Node: Hashable, Sendable {
        /// Holding the component.
        case component(Component)
        /// Every child.
        case allOf([Node], label: String? = nil)
        /// At least `count` of the children.
        case atLeast(Int, of: [Node], label: String? = nil)
        /// Met children carrying at least this many EC together.
        case minECTS(Double, of: [Node], label: String? = nil)

        /// The node's children (none for a leaf).
        public var children: [Node] {
            switch self {
            case .component: []
            case .allOf(let children, _), .atLeast(_, let children, _), .minECTS(_, let children, _): children
            }
        }

        /// The explanation label of an inner node.
        public var label: String? {
            switch self {
            case .component: nil
            case .allOf(_, let label), .atLeast(_, _, let label), .minECTS(_, _, let label): label
            }
        }

        /// The components of the leaves beneath (or at) the node, in tree order.
        public var components: [Component] {
            if case .component(let component) = self { return [component] }
            return children.flatMap(\.components)
        }

        /// The JSON key that names the node's kind, such as `all_of`.
        public var kindKey: String {
            switch self {
            case .component(.badgeClass): "badge_class"
            case .component(.external): "external"
            case .allOf: "all_of"
            case .atLeast: "at_least"
            case .minECTS: "min_ects"
            }
        }

        /// The JSON key under which the node's children sit: `all_of` or `of`.
        var childrenKey: String {
            if case .allOf = self { return "all_of" }
            return "of"
        }
    }

    /// What happens to an issued composite when a component no longer counts (revoked, expired).
    public enum ComponentLostPolicy: String, Hashable, Sendable, Codable, CaseIterable {
        /// The composite is flagged for review (the default).
        case flag
        /// The composite is revoked.
        case revoke
    }

    /// The requirements.
    public var root: Node {
        didSet { (components, namedComponents) = Self.components(of: root) }
    }
    /// Components count only when issued within this many calendar months before the evaluation.
    public var withinMonths: Int?
    /// Whether revoked or expired components stop counting (the default).
    public var requireUnrevoked: Bool
    /// Issuers whose components count (badged issuer UUIDs or external issuer URLs); nil: any.
    public var issuers: [String]?
    /// Whether external components may appear in the tree.
    public var allowExternal: Bool
    /// What a lost component does to an issued composite; the application layer acts on it.
    public var onComponentLost: ComponentLostPolicy

    /// Creates a rule.
    public init(
        _ root: Node,
        withinMonths: Int? = nil,
        requireUnrevoked: Bool = true,
        issuers: [String]? = nil,
        allowExternal: Bool = false,
        onComponentLost: ComponentLostPolicy = .flag
    ) {
        self.root = root
        (components, namedComponents) = Self.components(of: root)
        self.withinMonths = withinMonths
        self.requireUnrevoked = requireUnrevoked
        self.issuers = issuers
        self.allowExternal = allowExternal
        self.onComponentLost = onComponentLost
    }

    /// The components the rule names, in tree order (kept with the tree: evaluation asks for
    /// them for every recipient of a cohort).
    public private(set) var components: [Component]
    /// ``components`` as a set.
    public private(set) var namedComponents: Set<Component>

    private static func components(of root: Node) -> ([Component], Set<Component>) {
        let components = root.components
        return (components, Set(components))
    }
}
