import ArgumentParser
import BadgeCore
import BadgeIssuing
import BadgeServer
import Foundation

/// `badged recipients forget --recipient TYPE:IDENTITY`: erasure on a person's request.
struct Recipients: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Act on what badged holds about a person.", subcommands: [Forget.self])

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
