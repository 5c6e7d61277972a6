public import Foundation

extension StackingRule {
    /// Judges a recipient's credentials; pure, so the same credentials at the same moment always
    /// get the same verdict and sentence.
    ///
    /// Which credentials count: only those of components the rule names; not revoked or expired
    /// (when `require_unrevoked`); issued no earlier than `within_months` calendar months (UTC)
    /// before `now`; by an issuer on `issuers` (when set); external ones only with
    /// `allow_external`. Of several counting credentials of one component the one with the most
    /// EC (then the latest, then the smallest assertion id) counts; a component counts once.
    /// - Parameters:
    ///   - held: the recipient's credentials (any; those the rule does not name are ignored).
    ///   - now: the moment of evaluation (windows and expiry are judged against it).
    ///   - catalogue: names and EC of the components, for explanations and progress.
    public func evaluate(_ held: [HeldCredential], at now: Date, catalogue: StackingCatalogue = .init()) -> StackingVerdict {
        let named = namedComponents
        var counting: [Component: HeldCredential] = [:]
        var excluded: [Component: StackingVerdict.NotCounted] = [:]
        for credential in held where named.contains(credential.component) {
            let component = credential.component
            if let reason = credential.exclusion(under: self, at: now) {
                if let current = excluded[component], !Self.isPreferred(credential, over: current.credential) { continue }
                excluded[component] = .init(credential: credential, reason: reason)
            } else if counting[component].map({ Self.isPreferred(credential, over: $0) }) ?? true {
                counting[component] = credential
            }
        }
        let result = Self.evaluate(root, path: "rule", counting: counting, catalogue: catalogue)
        let evidence = result.met ? result.justification : []
        let notCounted = components.compactMap { counting[$0] == nil ? excluded[$0] : nil }
        return StackingVerdict(
            isSatisfied: result.met,
            evidence: evidence,
            evidenceECTS: evidence.reduce(0) { $0 + ($1.ects ?? 0) },
            counted: result.held,
            notCounted: notCounted,
            progress: result.progress,
            catalogue: catalogue
        )
    }

    /// Whether `candidate` should stand for its component rather than `current`.
    static func isPreferred(_ candidate: HeldCredential, over current: HeldCredential) -> Bool {
        let (new, old) = (candidate.ects ?? 0, current.ects ?? 0)
        if new != old { return new > old }
        if candidate.issuedOn != current.issuedOn { return candidate.issuedOn > current.issuedOn }
        return candidate.assertion.id < current.assertion.id
    }

    /// One node judged.
    struct NodeResult {
        /// Whether the node is met.
        var met: Bool
        /// Every counting credential beneath the node, in tree order.
        var held: [HeldCredential]
        /// A set beneath the node that meets it on its own (meaningful when met).
        var justification: [HeldCredential]
        /// The EC the node adds to a `min_ects` parent: all of `held` when met, else nothing.
        var contribution: Double
        /// The node's progress.
        var progress: StackingProgress
    }

    static func evaluate(_ node: Node, path: String, counting: [Component: HeldCredential], catalogue: StackingCatalogue) -> NodeResult {
        if case .component(let component) = node {
            let credential = counting[component]
            let held = credential.map { [$0] } ?? []
            let name = catalogue.components[component] == nil ? credential?.assertion.name : nil
            let progress = StackingProgress(
                path: "\(path).\(node.kindKey)",
                kind: node.kindKey,
                label: name ?? catalogue.name(of: component),
                component: component,
                ects: credential?.ects ?? catalogue.components[component]?.ects,
                isSatisfied: credential != nil,
                measure: .requirements(have: credential == nil ? 0 : 1, need: 1)
            )
            return NodeResult(met: credential != nil, held: held, justification: held, contribution: credential?.ects ?? 0, progress: progress)
        }
        let results = node.children.enumerated().map { index, child in
            evaluate(child, path: node.childPath(path, index), counting: counting, catalogue: catalogue)
        }
        let metIndices = results.indices.filter { results[$0].met }
        let met: Bool
        let measure: StackingProgress.Measure
        var justification: [HeldCredential] = []
        switch node {
        case .component, .allOf:  // a leaf returned above
            met = metIndices.count == results.count
            measure = .requirements(have: metIndices.count, need: results.count)
            justification = metIndices.flatMap { results[$0].justification }
        case .atLeast(let count, _, _):
            met = metIndices.count >= count
            measure = .requirements(have: metIndices.count, need: count)
            // The met children with the smallest justifications, in the rule's order.
            let chosen = metIndices.sorted { (results[$0].justification.count, $0) < (results[$1].justification.count, $1) }
            justification = chosen.prefix(count).sorted().flatMap { results[$0].justification }
        case .minECTS(let threshold, _, _):
            let total = metIndices.reduce(0) { $0 + results[$1].contribution }
            met = total >= threshold - tolerance
            measure = .ects(have: total, need: threshold)
            // The largest contributions first until the threshold is reached; a chosen child's
            // whole holding goes into evidence, because all of it was counted.
            var sum = 0.0
            var picked: [Int] = []
            for index in metIndices.sorted(by: { (-results[$0].contribution, $0) < (-results[$1].contribution, $1) }) {
                guard sum < threshold - tolerance else { break }
                picked.append(index)
                sum += results[index].contribution
            }
            justification = picked.sorted().flatMap { results[$0].held }
        }
        let held = results.flatMap(\.held)
        let progress = StackingProgress(
            path: path,
            kind: node.kindKey,
            label: node.label,
            isSatisfied: met,
            measure: measure,
            children: results.map(\.progress)
        )
        return NodeResult(
            met: met,
            held: held,
            justification: justification,
            contribution: met ? held.reduce(0) { $0 + ($1.ects ?? 0) } : 0,
            progress: progress
        )
    }
}
