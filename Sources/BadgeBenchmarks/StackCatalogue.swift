import BadgeCore
import Foundation

/// The catalogue and rules of `badged bench stack`: `components` copies of the sample
/// catalogue's first regular badge class (6 EC each) and `composites` composite classes, each
/// with a rule over seven neighbouring components (so most components sit in two rules), the
/// rule kinds taking turns: `all_of` two units plus `at_least 1` of the other five, `at_least 3`
/// of seven, and `min_ects 18` over seven.
enum StackCatalogue {
    /// The sample catalogue reduced to its first issuer, whose badge classes become the
    /// components and then the composites, named `Bench unit N` and `Bench composite N`.
    static func make(from sample: Data, components: Int, composites: Int) throws -> Data {
        guard var root = try JSONSerialization.jsonObject(with: sample) as? [String: Any],
            var institution = root["institution"] as? [String: Any],
            var faculty = (institution["faculties"] as? [[String: Any]])?.first,
            var issuer = (faculty["issuers"] as? [[String: Any]])?.first,
            let template = (issuer["badge_classes"] as? [[String: Any]])?.first(where: { $0["badge_class_type"] as? String == "regular" })
        else { throw BenchmarkError(.setup, "the catalogue needs an issuer with a regular badge class") }
        func named(_ name: String) -> [String: Any] {
            var copy = template
            copy["name"] = ["en": name, "nl": name]
            copy["ects"] = 6
            return copy
        }
        issuer["badge_classes"] = (0..<components).map { named("Bench unit \($0)") } + (0..<composites).map { named("Bench composite \($0)") }
        faculty["issuers"] = [issuer]
        institution["faculties"] = [faculty]
        root["institution"] = institution
        return try JSONSerialization.data(withJSONObject: root)
    }

    /// The components of composite `index` of `units`: seven neighbours, wrapping around.
    static func members(of index: Int, units: [UUID]) -> [UUID] {
        (0..<min(7, units.count)).map { units[(5 * index + $0) % units.count] }
    }

    /// The rule of composite `index` over `units`.
    static func rule(_ index: Int, units: [UUID]) -> StackingRule {
        let leaves = members(of: index, units: units).map { StackingRule.Node.component(.badgeClass($0)) }
        switch index % 3 {
        case 0:
            return StackingRule(.allOf(Array(leaves.prefix(2)) + [.atLeast(1, of: Array(leaves.dropFirst(2)), label: "electives")]))
        case 1:
            return StackingRule(.atLeast(min(3, leaves.count), of: leaves))
        default:
            return StackingRule(.minECTS(18, of: leaves, label: "units"))
        }
    }

    /// The badge classes (indices into the units) recipient `recipient` is awarded, `count` of
    /// them, by a fixed hash: all but the last among the seven components of the recipient's
    /// "home" composite (`recipient` modulo `composites`), the last anywhere. So some recipients
    /// complete a composite and most do not, as students taking courses of one minor.
    static func holdings(of recipient: Int, count: Int, units: Int, composites: Int) -> [Int] {
        let home = (0..<min(7, units)).map { (5 * (recipient % max(composites, 1)) + $0) % units }
        var picked: [Int] = []
        var state = UInt64(truncatingIfNeeded: recipient) &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019
        while picked.count < min(count, units) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let pool = picked.count < count - 1 && picked.count < home.count ? home : Array(0..<units)
            let unit = pool[Int((state >> 33) % UInt64(pool.count))]
            if !picked.contains(unit) { picked.append(unit) }
        }
        return picked
    }
}
