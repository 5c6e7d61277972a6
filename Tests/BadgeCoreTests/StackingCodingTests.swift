import BadgeCore
import Foundation
import Testing

/// The JSON shape of stacking rules: the documented example, defaults, round trips and decoding
/// errors that name the node.
@Suite("Stacking rule JSON")
struct StackingCodingTests {
    typealias F = StackingFixtures

    static let documented = """
        {"all_of": [
            {"badge_class": "00000000-0000-4000-8000-000000000001"},
            {"external": "https://other.example/badges/data-ethics"},
            {"at_least": 2, "of": [{"badge_class": "00000000-0000-4000-8000-000000000003"},
                                   {"badge_class": "00000000-0000-4000-8000-000000000004"},
                                   {"badge_class": "00000000-0000-4000-8000-000000000005"}]},
            {"min_ects": 18, "of": [{"badge_class": "00000000-0000-4000-8000-000000000006"},
                                    {"badge_class": "00000000-0000-4000-8000-000000000007"}], "label": "electives"}
         ],
         "within_months": 60, "require_unrevoked": true, "issuers": ["https://other.example/issuer"],
         "allow_external": true, "on_component_lost": "revoke"}
        """

    func decode(_ json: String) throws -> StackingRule {
        try JSONDecoder().decode(StackingRule.self, from: Data(json.utf8))
    }

    /// The JSON path DecodingFailure reports for `json`, or nil when it decodes.
    func failingField(_ json: String) -> String? {
        do {
            _ = try decode(json)
            return nil
        } catch {
            return DecodingFailure.field(of: error) ?? "<no field>"
        }
    }

    @Test func theDocumentedShapeDecodes() throws {
        let rule = try decode(Self.documented)
        let leaf = { (n: UInt8) in StackingRule.Node.component(.badgeClass(F.id(n))) }
        let expected = StackingRule(
            .allOf([
                leaf(1),
                .component(.external("https://other.example/badges/data-ethics")),
                .atLeast(2, of: [leaf(3), leaf(4), leaf(5)]),
                .minECTS(18, of: [leaf(6), leaf(7)], label: "electives"),
            ]),
            withinMonths: 60,
            requireUnrevoked: true,
            issuers: ["https://other.example/issuer"],
            allowExternal: true,
            onComponentLost: .revoke
        )
        #expect(rule == expected)
    }

    @Test func optionsDefaultWhenLeftOut() throws {
        let rule = try decode(#"{"at_least": 1, "of": [{"badge_class": "00000000-0000-4000-8000-000000000001"}]}"#)
        #expect(rule.withinMonths == nil)
        #expect(rule.requireUnrevoked)
        #expect(rule.issuers == nil)
        #expect(!rule.allowExternal)
        #expect(rule.onComponentLost == .flag)
    }

    @Test func aRuleEncodesToTheDocumentedKeys() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let rule = StackingRule(.minECTS(12.5, of: [.component(.badgeClass(F.id(1)))], label: "electives"), withinMonths: 12)
        let json = String(decoding: try encoder.encode(rule), as: UTF8.self)
        #expect(
            json
                == #"{"allow_external":false,"label":"electives","min_ects":12.5,"of":[{"badge_class":"00000000-0000-4000-8000-000000000001"}],"#
                + #""on_component_lost":"flag","require_unrevoked":true,"within_months":12}"#
        )
    }

    @Test func rulesSurviveARoundTrip() throws {
        for rule in [F.minorRule, F.citiesRule, try decode(Self.documented)] {
            let data = try JSONEncoder().encode(rule)
            #expect(try JSONDecoder().decode(StackingRule.self, from: data) == rule)
        }
    }

    @Test func decodingErrorsNameTheNode() {
        let uuid = "00000000-0000-4000-8000-000000000001"
        // An unknown key (a typo).
        #expect(failingField(#"{"all_of": [{"badge_class": "\#(uuid)"}, {"min_ect": 6, "of": []}]}"#) == "all_of[1].min_ect")
        // Options only beside the root.
        #expect(failingField(#"{"all_of": [{"badge_class": "\#(uuid)", "within_months": 6}]}"#) == "all_of[0].within_months")
        // Two kinds in one node.
        #expect(failingField(#"{"all_of": [{"at_least": 1, "min_ects": 6, "of": []}]}"#) == "all_of[0].min_ects")
        // No kind at all.
        #expect(failingField(#"{"all_of": [{"badge_class": "\#(uuid)"}, {"label": "x"}]}"#) == "all_of[1]")
        // A malformed UUID, deep down.
        #expect(failingField(#"{"all_of": [{"at_least": 1, "of": [{"badge_class": "nope"}]}]}"#) == "all_of[0].of[0].badge_class")
        // `of` belongs to at_least and min_ects only.
        #expect(failingField(#"{"all_of": [], "of": []}"#) == "of")
        // An unknown policy.
        #expect(failingField(#"{"all_of": [], "on_component_lost": "delete"}"#) == "on_component_lost")
        #expect(failingField(#"{"at_least": 1}"#) == "of")
    }
}
