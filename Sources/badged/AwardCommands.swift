import ArgumentParser
import BadgeCore
import BadgeIssuing
import BadgeServer
import Foundation

/// `badged award --class ID --csv FILE`: registrar bulk awards, idempotent per recipient (a
/// re-run after an interruption completes the batch without duplicates).
struct Award: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Award a badge class to the recipients of a CSV file.",
        discussion:
            "One recipient per line: an e-mail address, or TYPE,IDENTITY with TYPE email, url, telephone or id. A first line naming columns is skipped."
    )

    @Option(name: .customLong("class"), help: "The badge class id.") var badgeClass: UUID
    @Option(help: "The CSV file.") var csv: String
    @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

    func run() async throws {
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        var recipients: [Recipient] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if number == 0, let first = fields.first?.lowercased(), ["email", "identity", "type"].contains(first) { continue }
            if fields.count == 2, let type = Recipient.IdentityType(rawValue: fields[0].lowercased()) {
                recipients.append(Recipient(type: type, identity: fields[1]))
            } else if let only = fields.first, !only.isEmpty {
                recipients.append(Recipient(type: .email, identity: only))
            }
        }
        let showProgress = isatty(STDERR_FILENO) == 1
        let total = recipients.count
        let outcome = try await CLISession.run(configurationFlags) { session in
            try await session.administration.award(badgeClassID: badgeClass, recipients: recipients) { done in
                guard showProgress else { return }  // called once per stored chunk
                let width = 30
                let filled = total == 0 ? width : width * done / total
                FileHandle.standardError.write(
                    Data("\r[\(String(repeating: "#", count: filled))\(String(repeating: " ", count: width - filled))] \(done)/\(total)".utf8)
                )
            }
        }
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        print("\(outcome.created) awarded, \(outcome.existing) already held, \(outcome.failures.count) failed")
        for failure in outcome.failures { print("  \(failure)") }
        if !outcome.failures.isEmpty { throw ExitCode(1) }
    }
}

/// `badged revoke --assertion ID --reason TEXT`.
struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Revoke an assertion with a reason.")
    @Option(help: "The assertion id.") var assertion: UUID
    @Option(help: "Why (published in the issuer's revocation list).") var reason: String
    @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

    func run() async throws {
        let found = try await CLISession.run(configurationFlags) { try await $0.administration.revokeAssertion(id: assertion, reason: reason) }
        guard found else { throw CLIFailure(message: "no assertion with id \(assertion.uuidString.lowercased())") }
        print("revoked \(assertion.uuidString.lowercased())")
    }
}
