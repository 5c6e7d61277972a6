import ArgumentParser
import BadgeCore
import BadgeIssuing
import BadgeServer
import Foundation

/// `badged rules import FILE`: outcome rules from a rule file.
struct Rules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage outcome rules (grades to badges).", subcommands: [ImportFile.self])

    struct ImportFile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a rule file (a JSON array of rules, such as Samples/rules/minor-units.json); existing matches are replaced."
        )

        @Argument(help: "The rule file.") var file: String
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let data = try CLIInput.read(file)
            let stored = try await CLISession.run(configurationFlags) { try await $0.outcomes.importRules(data) }
            for rule in stored {
                print("\(rule.id.uuidString.lowercased())  \(rule.rule.match.contextID)  \(rule.rule.title ?? rule.rule.match.lineItem ?? "")")
            }
            print("imported \(stored.count) rule(s)")
        }
    }
}

/// `badged sync --platform ID [--context ID]`: read a platform's results now.
struct Sync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Read the AGS results of every watched line item of a platform now.")

    @Option(help: "The platform registration id.") var platform: String
    @Option(help: "Only this course (LTI context id).") var context: String?
    @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

    func run() async throws {
        guard let id = UUID(uuidString: platform) else { throw CLIFailure(message: "platform: give the registration id") }
        let report = try await CLISession.run(configurationFlags) { session in
            try await session.outcomes.sync(platformID: id, contextID: context, using: session.resultSync())
        }
        print("synced \(report.rules) rule(s): \(report.results) result(s) read, \(report.recorded) recorded, \(report.members) member(s) mapped")
        if report.deferred > 0 { print("\(report.deferred) rule(s) deferred: the platform's request budget was spent") }
        for failure in report.failures { print("failed: \(failure)") }
        if !report.failures.isEmpty { throw ExitCode.failure }
    }
}

/// `badged explain --recipient TYPE:IDENTITY --class ID`.
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Say in one sentence why a recipient has or has not got a badge class.")

    @Option(help: "The recipient as TYPE:IDENTITY.") var recipient: String
    @Option(name: .customLong("class"), help: "The badge class id.") var badgeClass: String
    @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

    func run() async throws {
        let parsed = try CLIInput.recipient(recipient)
        guard let classID = UUID(uuidString: badgeClass) else { throw CLIFailure(message: "class: give the badge class id") }
        print(try await CLISession.run(configurationFlags) { try await $0.outcomes.explain(recipient: parsed, badgeClassID: classID) })
    }
}

/// `badged pending [list | approve ID | deny ID] [--comment TEXT]`.
struct Pending: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Awards waiting for approval and badges flagged for review.",
        subcommands: [List.self, Answer.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List them, newest first.")
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let records = try await CLISession.run(configurationFlags) { try await $0.outcomes.pending() }
            for record in records {
                print("\(record.id.uuidString.lowercased())  \(record.decision.rawValue)  \(record.reason)")
            }
            if records.isEmpty { print("nothing waits for review") }
        }
    }

    struct Answer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "approve (issues a pending award, keeps a flagged badge) or deny (refuses it, revokes a flagged badge)."
        )
        @Argument(help: "approve or deny.") var decision: String
        @Argument(help: "The recorded grade's id.") var id: String
        @Option(help: "A comment for the audit.") var comment: String?
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            guard let review = GradeIntake.Review(rawValue: decision) else { throw CLIFailure(message: "decision: approve or deny") }
            guard let recordID = UUID(uuidString: id) else { throw CLIFailure(message: "id: give the recorded grade's id") }
            let record = try await CLISession.run(configurationFlags) { try await $0.outcomes.review(recordID: recordID, review, comment: comment) }
            print("\(record.id.uuidString.lowercased()) is now \(record.decision.rawValue)")
        }
    }
}

/// `badged outcomes consumer --institution ID --key KEY`: an LTI 1.1 consumer.
struct Outcomes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "LTI 1.1 Basic Outcomes consumers.", subcommands: [Consumer.self])

    struct Consumer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a consumer key and secret (the secret is shown once, stored sealed).")
        @Option(help: "The institution (id or identifier).") var institution: String
        @Option(help: "The consumer key.") var key: String
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let secret = try await CLISession.run(configurationFlags) {
                try await $0.outcomes.createBasicOutcomeConsumer(key: key, institution: institution)
            }
            print("consumer key: \(key)")
            print("secret (shown once): \(secret)")
        }
    }
}
