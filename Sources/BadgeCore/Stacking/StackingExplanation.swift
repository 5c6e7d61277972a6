import Foundation

/// Writes the sentence of a ``StackingVerdict`` from the progress tree: where the recipient
/// stands ("24 of 30 EC"), what is still needed, and which held credentials did not count.
struct StackingExplanation {
    let catalogue: StackingCatalogue

    /// The explanation: "Complete: …" when met, else "<standing>; still needed: <needs>." with a
    /// "Not counted: …" sentence when held credentials were set aside.
    func sentence(progress: StackingProgress, evidenceCount: Int, notCounted: [StackingVerdict.NotCounted]) -> String {
        let standing = standing(progress)
        if progress.isSatisfied {
            return "Complete: \(standing), with \(evidenceCount) credential\(evidenceCount == 1 ? "" : "s")."
        }
        var text = "\(standing); still needed: \(needs(progress))."
        if !notCounted.isEmpty {
            text += " Not counted: " + notCounted.map(describe).joined(separator: "; ") + "."
        }
        return text
    }

    /// "24 of 30 EC" when the rule counts EC throughout, else the root's own count
    /// ("3 of 5 process badges").
    func standing(_ progress: StackingProgress) -> String {
        if Self.contains(progress, kind: "min_ects"), Self.leaves(of: progress).allSatisfy({ $0.ects != nil }) {
            let (have, need) = credit(progress)
            return "\(StackingFormat.ects(have)) of \(StackingFormat.ects(need)) EC"
        }
        switch progress.measure {
        case .ects(let have, let need):
            return "\(StackingFormat.ects(min(have, need))) of \(StackingFormat.ects(need)) EC"
        case .requirements(let have, let need):
            let noun = progress.component == nil ? progress.label ?? (need == 1 ? "requirement" : "requirements") : "requirement"
            return "\(min(have, need)) of \(need) \(noun)"
        }
    }

    /// EC had (capped at what the node can use) and EC the node needs at the least.
    func credit(_ progress: StackingProgress) -> (have: Double, need: Double) {
        let parts = progress.children.map(credit)
        switch (progress.kind, progress.measure) {
        case (_, .ects(let have, let need)):
            return (min(have, need), need)
        case ("at_least", .requirements(_, let count)):
            let need = parts.map(\.need).sorted().prefix(count).reduce(0, +)
            let have = parts.map(\.have).sorted(by: >).prefix(count).reduce(0, +)
            return (min(have, need), need)
        case ("all_of", _):
            return (parts.reduce(0) { $0 + $1.have }, parts.reduce(0) { $0 + $1.need })
        default:
            let ects = progress.ects ?? 0
            return (progress.isSatisfied ? ects : 0, ects)
        }
    }

    /// What an unmet node still needs, as a phrase: "Data Ethics and 6 EC more from electives".
    func needs(_ progress: StackingProgress) -> String {
        if progress.component != nil { return progress.label ?? "a component" }
        let unmet = progress.children.filter { !$0.isSatisfied }
        // Alternatives are parenthesised when they are lists themselves; requirements that all
        // must be met read well without.
        let open = unmet.map(option)
        switch progress.measure {
        case .ects(let have, let need):
            let more = "\(StackingFormat.ects(max(0, need - have))) EC more"
            if open.isEmpty { return more }
            let options = StackingFormat.list(open, conjunction: "or")
            return progress.label.map { "\(more) from \($0) (\(options))" } ?? "\(more) from: \(options)"
        case .requirements(let have, let need):
            let missing = max(0, need - have)
            if progress.kind == "all_of" || missing >= open.count {
                let all = StackingFormat.list(unmet.map(needs), conjunction: "and")
                return progress.label.map { "\($0) (\(all))" } ?? all
            }
            let what = progress.label.map { "\(missing) more \($0), from" } ?? "\(missing) more of"
            return "\(what): \(StackingFormat.list(open, conjunction: "or"))"
        }
    }

    /// A child's needs as one option of a list, in parentheses when it is itself a list.
    private func option(_ progress: StackingProgress) -> String {
        let phrase = needs(progress)
        let isCompound = progress.component == nil && [", ", " and ", " or ", ": "].contains { phrase.contains($0) }
        return isCompound ? "(\(phrase))" : phrase
    }

    private func describe(_ entry: StackingVerdict.NotCounted) -> String {
        let credential = entry.credential
        let name = catalogue.components[credential.component].map { _ in catalogue.name(of: credential.component) } ?? credential.assertion.name
        switch entry.reason {
        case .externalNotAllowed: return "\(name) (external credentials are not accepted)"
        case .revoked: return "\(name) (revoked)"
        case .expired(let date): return "\(name) (expired on \(StackingFormat.day(date)))"
        case .outsideWindow(let issuedOn, let months):
            return "\(name) (issued on \(StackingFormat.day(issuedOn)), more than \(months) months ago)"
        case .issuerNotAllowed(let issuer): return "\(name) (issued by \(issuer), not an accepted issuer)"
        }
    }

    private static func contains(_ progress: StackingProgress, kind: String) -> Bool {
        progress.kind == kind || progress.children.contains { contains($0, kind: kind) }
    }

    private static func leaves(of progress: StackingProgress) -> [StackingProgress] {
        progress.component != nil ? [progress] : progress.children.flatMap(leaves)
    }
}
