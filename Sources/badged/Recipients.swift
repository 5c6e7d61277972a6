import ArgumentParser
import BadgeCore
import BadgeIssuing
import BadgeServer
import Foundation

/// `badged recipients forget --recipient TYPE:IDENTITY`: erasure on a person's request;
/// `badged recipients access-link --recipient TYPE:IDENTITY`: a single-use link to their wallet.
struct Recipients: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Act on what badged holds about a person.",
        subcommands: [Forget.self, AccessLink.self]
    )

    struct AccessLink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "access-link",
            abstract: "Print a single-use link that signs the person in to their wallet (it works up to 7 days)."
        )

        @Option(help: "The person as TYPE:IDENTITY, such as email:ada@example.org or id:urn:eduid:4242.")
        var recipient: String

        @Option(help: "Seconds the link works (1 to 604800); by default students.access_link.lifetime.")
        var expiresIn: Int?

        @Argument(parsing: .allUnrecognized, help: "Configuration flags.")
        var configurationFlags: [String] = []

        func run() async throws {
            let parsed = try CLIInput.recipient(recipient)
            let lifetime = expiresIn.map(TimeInterval.init)
            let (url, expiresAt) = try await CLISession.run(configurationFlags) { try await $0.issueAccessLink(for: parsed, lifetime: lifetime) }
            print(url)
            print("works once, until \(expiresAt.formatted(.iso8601))")
        }
    }

    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a person's recipient data in every institution; their assertions stay revoked in the revocation lists, naming no one."
        )

        @Option(help: "The person as TYPE:IDENTITY, such as email:ada@example.org or id:urn:eduid:4242.")
        var recipient: String

        @Argument(parsing: .allUnrecognized, help: "Configuration flags.")
        var configurationFlags: [String] = []

        func run() async throws {
            let parsed = try CLIInput.recipient(recipient)
            let result = try await CLISession.run(configurationFlags) { try await $0.administration.forgetRecipient(parsed) }
            print(
                "erased the recipient of \(result.assertions) assertion(s), \(result.imports) EDCI import(s), \(result.learners) LMS user mapping(s) and \(result.grades) recorded grade(s)"
            )
        }
    }
}
