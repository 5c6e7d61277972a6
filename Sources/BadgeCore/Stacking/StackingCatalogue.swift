public import Foundation

/// What stacking knows of the components a rule may name: their names and EC, and the rules of
/// the other composite classes (to find cycles). The application layer builds it from the
/// catalogue (every institution on this badged) and from what it knows of external credentials.
public struct StackingCatalogue: Hashable, Sendable {
    /// A known component.
    public struct Entry: Hashable, Sendable {
        /// The name explanations use, such as "Data Ethics".
        public var name: String
        /// The EC the component carries, if any.
        public var ects: Double?

        /// Creates an entry.
        public init(name: String, ects: Double? = nil) {
            self.name = name
            self.ects = ects
        }
    }

    /// Known components. Every badge class a rule names must be here; external components may
    /// be (one the catalogue does not know may sit under `min_ects`: its EC comes with the
    /// credential, and until then it is judged with the most EC a badge class may carry).
    public var components: [StackingRule.Component: Entry]
    /// The rules of composite badge classes, by composite badge class id.
    public var rules: [UUID: StackingRule]

    /// Creates a catalogue.
    public init(components: [StackingRule.Component: Entry] = [:], rules: [UUID: StackingRule] = [:]) {
        self.components = components
        self.rules = rules
    }

    /// Creates a catalogue of badge classes by id.
    public init(badgeClasses: [UUID: Entry], rules: [UUID: StackingRule] = [:]) {
        var components: [StackingRule.Component: Entry] = [:]
        for (id, entry) in badgeClasses { components[.badgeClass(id)] = entry }
        self.init(components: components, rules: rules)
    }

    /// The entry of a badge class as stacking sees it: its English (else Dutch) name and its EC.
    public static func entry(for badgeClass: BadgeClass) -> Entry {
        Entry(name: badgeClass.name.preferred("en"), ects: badgeClass.ects)
    }

    /// The name explanations use for a component: the catalogue's, else the external id.
    func name(of component: StackingRule.Component) -> String {
        if let name = components[component]?.name, !name.allSatisfy(\.isWhitespace) { return name }
        switch component {
        case .badgeClass(let id): return "badge class \(id.uuidString.lowercased())"
        case .external(let id): return id
        }
    }
}
