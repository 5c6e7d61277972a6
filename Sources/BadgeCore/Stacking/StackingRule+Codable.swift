import Foundation

/// A JSON key of the stacking rule shape; the shape's keys are checked by hand, so that unknown
/// and misplaced keys are refused with their path instead of being ignored.
struct StackingKey: CodingKey, Hashable {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    static let badgeClass = Self("badge_class")
    static let external = Self("external")
    static let allOf = Self("all_of")
    static let atLeast = Self("at_least")
    static let minECTS = Self("min_ects")
    static let of = Self("of")
    static let label = Self("label")
    static let withinMonths = Self("within_months")
    static let requireUnrevoked = Self("require_unrevoked")
    static let issuers = Self("issuers")
    static let allowExternal = Self("allow_external")
    static let onComponentLost = Self("on_component_lost")

    /// The keys that name a node's kind; a node has exactly one.
    static let kinds: [Self] = [.badgeClass, .external, .allOf, .atLeast, .minECTS]
    /// The options, allowed only beside the root node.
    static let options: [Self] = [.withinMonths, .requireUnrevoked, .issuers, .allowExternal, .onComponentLost]
}

extension StackingRule: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: StackingKey.self)
        self.init(
            try Node(from: decoder, allowingOptions: true),
            withinMonths: try container.decodeIfPresent(Int.self, forKey: .withinMonths),
            requireUnrevoked: try container.decodeIfPresent(Bool.self, forKey: .requireUnrevoked) ?? true,
            issuers: try container.decodeIfPresent([String].self, forKey: .issuers),
            allowExternal: try container.decodeIfPresent(Bool.self, forKey: .allowExternal) ?? false,
            onComponentLost: try container.decodeIfPresent(ComponentLostPolicy.self, forKey: .onComponentLost) ?? .flag
        )
    }

    public func encode(to encoder: any Encoder) throws {
        try root.encode(to: encoder)
        var container = encoder.container(keyedBy: StackingKey.self)
        try container.encodeIfPresent(withinMonths, forKey: .withinMonths)
        try container.encode(requireUnrevoked, forKey: .requireUnrevoked)
        try container.encodeIfPresent(issuers, forKey: .issuers)
        try container.encode(allowExternal, forKey: .allowExternal)
        try container.encode(onComponentLost, forKey: .onComponentLost)
    }
}

extension StackingRule.Node: Codable {
    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, allowingOptions: false)
    }

    /// Decodes a node; the root also admits the rule's options beside its own keys.
    init(from decoder: any Decoder, allowingOptions: Bool) throws {
        let container = try decoder.container(keyedBy: StackingKey.self)
        let keys = Set(container.allKeys)
        let known = Set(StackingKey.kinds + StackingKey.options + [.of, .label])
        if let unknown = container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }).first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorruptedError(
                forKey: unknown,
                in: container,
                debugDescription: "\(unknown.stringValue) is not a key of the stacking rule shape"
            )
        }
        let kinds = StackingKey.kinds.filter(keys.contains)
        guard let kind = kinds.first else {
            let names = StackingKey.kinds.map(\.stringValue).joined(separator: ", ")
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a rule node needs exactly one of \(names)")
            )
        }
        if kinds.count > 1 {
            throw DecodingError.dataCorruptedError(
                forKey: kinds[1],
                in: container,
                debugDescription: "a rule node has one kind; this one has both \(kind.stringValue) and \(kinds[1].stringValue)"
            )
        }
        let isLeaf = kind == .badgeClass || kind == .external
        var allowed: Set<StackingKey> = [kind]
        if !isLeaf { allowed.insert(.label) }
        if kind == .atLeast || kind == .minECTS { allowed.insert(.of) }
        if allowingOptions { allowed.formUnion(StackingKey.options) }
        if let stray = container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }).first(where: { !allowed.contains($0) }) {
            let reason =
                StackingKey.options.contains(stray)
                ? "\(stray.stringValue) is allowed only beside the rule's root node"
                : "\(stray.stringValue) does not belong in a \(kind.stringValue) node"
            throw DecodingError.dataCorruptedError(forKey: stray, in: container, debugDescription: reason)
        }
        let label = try container.decodeIfPresent(String.self, forKey: .label)
        switch kind {
        case .badgeClass: self = .component(.badgeClass(try container.decode(UUID.self, forKey: .badgeClass)))
        case .external: self = .component(.external(try container.decode(String.self, forKey: .external)))
        case .allOf: self = .allOf(try container.decode([Self].self, forKey: .allOf), label: label)
        case .atLeast:
            let count = try container.decode(Int.self, forKey: .atLeast)
            self = .atLeast(count, of: try container.decode([Self].self, forKey: .of), label: label)
        default:
            let ects = try container.decode(Double.self, forKey: .minECTS)
            self = .minECTS(ects, of: try container.decode([Self].self, forKey: .of), label: label)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: StackingKey.self)
        switch self {
        case .component(.badgeClass(let id)): try container.encode(id.uuidString.lowercased(), forKey: .badgeClass)
        case .component(.external(let id)): try container.encode(id, forKey: .external)
        case .allOf(let children, _): try container.encode(children, forKey: .allOf)
        case .atLeast(let count, let children, _):
            try container.encode(count, forKey: .atLeast)
            try container.encode(children, forKey: .of)
        case .minECTS(let ects, let children, _):
            try container.encode(ects, forKey: .minECTS)
            try container.encode(children, forKey: .of)
        }
        try container.encodeIfPresent(label, forKey: .label)
    }
}
