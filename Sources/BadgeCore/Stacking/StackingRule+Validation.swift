public import Foundation

extension StackingRule {
    /// How many rule operators (`all_of`, `at_least`, `min_ects`) may nest.
    public static let maximumDepth = 8
    /// How many leaves a rule may have.
    public static let maximumLeaves = 200
    /// The longest window, in months.
    public static let maximumWindowMonths = 1200
    /// The longest external id, issuer or label.
    static let maximumTextLength = 2048

    /// Checks the rule against what is known: the components it names, its structure, that some
    /// set of credentials can meet it, and that it does not require its own composite through the
    /// rules of other composites.
    /// - Parameters:
    ///   - compositeClassID: the badge class the rule belongs to.
    ///   - catalogue: the known components and the rules of the other composites.
    ///   - field: the name of the rule in the request, prefixed to every path.
    /// - Throws: ``BadgeCoreError`` `.validation` whose field names the node by its JSON path,
    ///   such as `rule.all_of[1].of[0].badge_class`.
    public func validate(for compositeClassID: UUID, in catalogue: StackingCatalogue, field: String = "rule") throws(BadgeCoreError) {
        try validateOptions(field: field)
        let leaves = root.leafPaths(at: field)
        guard leaves.count <= Self.maximumLeaves else {
            throw .invalid(field, "a rule names at most \(Self.maximumLeaves) components; this one names \(leaves.count)")
        }
        var seen: [Component: String] = [:]
        let context = StructureCheck(compositeClassID: compositeClassID, catalogue: catalogue, allowExternal: allowExternal)
        try context.check(root, path: field, depth: 0, minECTSPath: nil, seen: &seen)
        _ = try Self.bestCase(root, path: field, catalogue: catalogue)
        try checkCycles(compositeClassID: compositeClassID, catalogue: catalogue, leaves: leaves)
    }

    /// Whether every node of the rule can be met, and so the rule itself: judged with every
    /// component held at the catalogue's EC, which is the best case because every node is
    /// monotone (more credentials never unmeet a node). A node that can never be met (a
    /// `min_ects` above what its requirements carry) is refused even where a parent could do
    /// without it, as an authoring mistake.
    public func isReachable(in catalogue: StackingCatalogue) -> Bool {
        (try? Self.bestCase(root, path: "rule", catalogue: catalogue)) != nil
    }

    private func validateOptions(field: String) throws(BadgeCoreError) {
        if let withinMonths, !(1...Self.maximumWindowMonths).contains(withinMonths) {
            throw .invalid("\(field).within_months", "\(field).within_months must be from 1 to \(Self.maximumWindowMonths) months")
        }
        if let issuers {
            if issuers.isEmpty {
                throw .invalid("\(field).issuers", "\(field).issuers must list at least one issuer, or be left out to allow any")
            }
            for (index, issuer) in issuers.enumerated() {
                try Validation.requireText(issuer, field: "\(field).issuers[\(index)]", maxLength: Self.maximumTextLength)
            }
        }
    }

    /// The composite must not reach itself through the rules of the composites it names.
    private func checkCycles(compositeClassID: UUID, catalogue: StackingCatalogue, leaves: [(Component, String)]) throws(BadgeCoreError) {
        var explored: Set<UUID> = [compositeClassID]
        for (component, path) in leaves {
            guard case .badgeClass(let id) = component, id != compositeClassID else { continue }
            if let chain = Self.chain(from: id, to: compositeClassID, catalogue: catalogue, explored: &explored) {
                let names = chain.map { catalogue.name(of: .badgeClass($0)) }.joined(separator: ", which requires ")
                throw .invalid(path, "\(path) makes a cycle: \(names), which requires this composite again")
            }
        }
    }

    /// The composites from `start` on whose rules lead back to `target`, if any.
    private static func chain(from start: UUID, to target: UUID, catalogue: StackingCatalogue, explored: inout Set<UUID>) -> [UUID]? {
        guard let rule = catalogue.rules[start], explored.insert(start).inserted else { return nil }
        for component in rule.components {
            guard case .badgeClass(let next) = component else { continue }
            if next == target { return [start] }
            if let rest = chain(from: next, to: target, catalogue: catalogue, explored: &explored) { return [start] + rest }
        }
        return nil
    }

    /// The best case of a node: whether it can be met and the EC it then contributes.
    /// - Throws: naming the first `min_ects` (bottom-up) that no set of credentials reaches.
    static func bestCase(_ node: Node, path: String, catalogue: StackingCatalogue) throws(BadgeCoreError) -> (met: Bool, ects: Double) {
        var results: [(met: Bool, ects: Double)] = []
        for (index, child) in node.children.enumerated() {
            results.append(try bestCase(child, path: node.childPath(path, index), catalogue: catalogue))
        }
        let metECTS = results.filter(\.met).reduce(0) { $0 + $1.ects }
        switch node {
        case .component(let component):
            return (true, catalogue.components[component]?.ects ?? (component.isExternal ? Self.externalBestCaseECTS : 0))
        case .allOf:
            guard results.allSatisfy(\.met) else { throw .invalid(path, "\(path) can never be met") }
            return (true, metECTS)
        case .atLeast(let count, _, _):
            guard results.count(where: \.met) >= count else { throw .invalid(path, "\(path) can never be met") }
            return (true, metECTS)
        case .minECTS(let threshold, _, _):
            guard metECTS >= threshold - StackingRule.tolerance else {
                let most = StackingFormat.ects(metECTS)
                throw .invalid(
                    "\(path).min_ects",
                    "\(path).min_ects asks for \(StackingFormat.ects(threshold)) EC, but its requirements carry at most \(most) EC"
                )
            }
            return (true, metECTS)
        }
    }

    /// The most EC an external component whose EC the catalogue does not know may carry: its EC
    /// comes with the credential (an OB 2.0 BadgeClass's ECTS extension, an EDCI specification's
    /// credit points), so a rule is judged reachable with the most one badge class may carry.
    static let externalBestCaseECTS = BadgeClass.Limits.maximumECTS

    /// Slack for comparing sums of EC (external credentials may carry fractions such as 2.33).
    static let tolerance = 1e-9
}

/// The structural checks of one validation run, node by node.
private struct StructureCheck {
    let compositeClassID: UUID
    let catalogue: StackingCatalogue
    let allowExternal: Bool

    func check(
        _ node: StackingRule.Node,
        path: String,
        depth: Int,
        minECTSPath: String?,
        seen: inout [StackingRule.Component: String]
    ) throws(BadgeCoreError) {
        if case .component(let component) = node {
            try checkLeaf(component, field: "\(path).\(node.kindKey)", minECTSPath: minECTSPath, seen: &seen)
            return
        }
        guard depth < StackingRule.maximumDepth else {
            throw .invalid(path, "\(path) nests too deep: rules nest at most \(StackingRule.maximumDepth) levels of all_of, at_least and min_ects")
        }
        let children = node.children
        if children.isEmpty {
            throw .invalid("\(path).\(node.childrenKey)", "\(path).\(node.childrenKey) must list at least one requirement")
        }
        if let label = node.label { try Validation.requireText(label, field: "\(path).label", maxLength: 200) }
        var innerMinECTSPath = minECTSPath
        switch node {
        case .atLeast(let count, _, _):
            guard count >= 1 else { throw .invalid("\(path).at_least", "\(path).at_least must be at least 1") }
            guard count <= children.count else {
                throw .invalid("\(path).at_least", "\(path).at_least is \(count), but the node lists only \(children.count) requirements")
            }
        case .minECTS(let threshold, _, _):
            guard threshold.isFinite, threshold > 0, threshold <= BadgeClass.Limits.maximumECTS * 10 else {
                throw .invalid("\(path).min_ects", "\(path).min_ects must be a number of EC above 0")
            }
            innerMinECTSPath = innerMinECTSPath ?? path
        case .component, .allOf:
            break
        }
        for (index, child) in children.enumerated() {
            try check(child, path: node.childPath(path, index), depth: depth + 1, minECTSPath: innerMinECTSPath, seen: &seen)
        }
    }

    private func checkLeaf(
        _ component: StackingRule.Component,
        field: String,
        minECTSPath: String?,
        seen: inout [StackingRule.Component: String]
    ) throws(BadgeCoreError) {
        switch component {
        case .badgeClass(let id):
            if id == compositeClassID { throw .invalid(field, "\(field) names the composite itself; a composite cannot require itself") }
            guard catalogue.components[component] != nil else {
                throw .invalid(field, "\(field) names no badge class on this badged (\(id.uuidString.lowercased()))")
            }
        case .external(let id):
            guard allowExternal else {
                throw .invalid(field, "\(field) names an external credential, but the rule does not set allow_external")
            }
            try Validation.requireText(id, field: field, maxLength: StackingRule.maximumTextLength)
            if id.contains(where: \.isWhitespace) { throw .invalid(field, "\(field) must be a URL or id without spaces") }
        }
        if let earlier = seen[component] {
            throw .invalid(field, "\(field) names the same component as \(earlier); a component appears once per rule")
        }
        seen[component] = field
        // An external component's EC is known only once a credential is held; a badge class's is known now.
        let unknownExternal = component.isExternal && catalogue.components[component]?.ects == nil
        if let minECTSPath, !unknownExternal, (catalogue.components[component]?.ects ?? 0) <= 0 {
            let name = catalogue.name(of: component)
            throw .invalid(field, "\(field) (\(name)) carries no EC, so it cannot count toward \(minECTSPath).min_ects")
        }
    }
}

extension StackingRule.Node {
    /// The path of the child at `index`, such as `rule.all_of[1]` or `rule.all_of[1].of[0]`.
    func childPath(_ path: String, _ index: Int) -> String {
        "\(path).\(childrenKey)[\(index)]"
    }

    /// Every leaf with the path of its key, such as `rule.all_of[0].badge_class`, in tree order.
    func leafPaths(at path: String) -> [(StackingRule.Component, String)] {
        if case .component(let component) = self { return [(component, "\(path).\(kindKey)")] }
        return children.enumerated().flatMap { index, child in child.leafPaths(at: childPath(path, index)) }
    }
}
