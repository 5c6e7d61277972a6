import ArgumentParser
import BadgeCore
import BadgeIssuing
import BadgeServer
import Foundation

/// `badged stack import FILE | show --class ID | evaluate --class ID [--dry-run | --issue]`:
/// stacking rules of composite badge classes, and their evaluation for everyone already holding
/// a component. Recipients are shown only as a short digest of their recipient key.
struct Stack: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage stacking rules (composite credentials from their components).",
        subcommands: [ImportFile.self, Show.self, Evaluate.self]
    )

    struct ImportFile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a stacking rule file (a JSON array of {badge_class, rule}); existing rules of those classes are replaced."
        )

        @Argument(help: "The rule file.") var file: String
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let data = try CLIInput.read(file)
            let stored = try await CLISession.run(configurationFlags) {
                try await $0.stackingRules.importFile(data, actor: "cli", allowed: { _ in true })
            }
            for rule in stored { print(Stack.summary(of: rule)) }
            print("imported \(stored.count) rule(s)")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the stacking rule of a composite badge class as JSON.")

        @Option(name: .customLong("class"), help: "The composite badge class id.") var badgeClass: String
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let classID = try Stack.classID(badgeClass)
            let stored = try await CLISession.run(configurationFlags) {
                try await $0.stackingRules.find(compositeClassID: classID, allowed: { _ in true })
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(Stack.summary(of: stored))
            print(String(decoding: try encoder.encode(stored.rule), as: UTF8.self))
        }
    }

    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Judge the rule for everyone holding one of its components; --issue issues the composite to those who qualify."
        )

        enum Mode: EnumerableFlag {
            case dryRun
            case issue

            static func help(for value: Mode) -> ArgumentHelp? {
                switch value {
                case .dryRun: "Only report who qualifies (the default)."
                case .issue: "Issue the composite to those who qualify and do not hold it."
                }
            }
        }

        @Option(name: .customLong("class"), help: "The composite badge class id.") var badgeClass: String
        @Flag var mode: Mode = .dryRun
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let classID = try Stack.classID(badgeClass)
            let report = try await CLISession.run(configurationFlags) {
                try await $0.stackingCohort.evaluate(compositeClassID: classID, issue: mode == .issue, actor: "cli", allowed: { _ in true })
            }
            let holders = report.members.filter(\.holdsComposite).count
            print(
                "\(report.composite.content.name.preferred("en")): \(report.members.count) recipient(s) hold a component, "
                    + "\(report.qualifying.count) qualify, \(holders) already hold the composite"
            )
            switch mode {
            case .dryRun:
                for member in report.qualifying {
                    print("\(member.recipient)  \(member.holdsComposite ? "holds" : "due")  \(member.explanation)")
                }
                print("dry run: \(report.due.count) composite(s) would be issued; run with --issue to issue them")
            case .issue:
                for member in report.members {
                    if let issued = member.issued { print("\(member.recipient)  issued  \(issued.uuidString.lowercased())") }
                }
                print("issued \(report.issued.count) composite(s)")
            }
        }
    }

    /// One line for a stored rule: its composite class, size and policy.
    static func summary(of stored: StoredStackingRule) -> String {
        let rule = stored.rule
        return "\(stored.compositeClassID.uuidString.lowercased())  \(rule.components.count) component(s)  "
            + "on component lost: \(rule.onComponentLost.rawValue)"
    }

    /// The badge class id given to `--class`.
    static func classID(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw CLIFailure(message: "class: give the composite badge class id") }
        return id
    }
}
