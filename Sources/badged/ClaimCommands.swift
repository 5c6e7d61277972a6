import ArgumentParser
import BadgeCore
import BadgeIssuing
import BadgeServer
import Foundation

/// `badged claims …`: claim codes and the review of claims that carry evidence, on the database
/// (the CLI acts for every institution, as an operator key does; audit rows name `cli`).
struct Claims: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make claim codes for a badge class and review the claims made with them.",
        subcommands: [Create.self, Codes.self, Disable.self, List.self, Approve.self, Deny.self, ReviewLink.self]
    )

    static let everywhere: @Sendable (UUID) -> Bool = { _ in true }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a claim code; prints the code (shown only now) and its claim link.")
        @Option(name: .customLong("class"), help: "The badge class id.") var badgeClass: UUID
        @Option(help: "The most claims (1 to 1000000); no limit when left out.") var maxUses: Int?
        @Option(help: "Seconds until the code stops working; never when left out.") var expiresIn: Int?
        @Flag(help: "Claims carry evidence and wait for a mentor's or organiser's review.") var requiresEvidence = false
        @Option(help: "A name to tell codes apart.") var label: String?
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let (made, url) = try await CLISession.run(configurationFlags) { session in
                let made = try await session.claimCodes.create(
                    badgeClassID: badgeClass,
                    label: label,
                    maxUses: maxUses,
                    expiresAt: expiresIn.map { Date().addingTimeInterval(TimeInterval($0)) },
                    requiresEvidence: requiresEvidence,
                    actor: "cli",
                    allowed: Claims.everywhere
                )
                return (made, session.claimURL(code: made.secret))
            }
            print(made.secret)
            print(url)
            print(
                "id \(made.code.id.uuidString.lowercased())" + (made.code.maxUses.map { ", up to \($0) claims" } ?? "")
                    + (made.code.expiresAt.map { ", until \($0.formatted(.iso8601))" } ?? "")
                    + (made.code.requiresEvidence ? ", evidence reviewed" : "")
            )
        }
    }

    struct Codes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the claim codes of a badge class (never the codes themselves).")
        @Option(name: .customLong("class"), help: "The badge class id.") var badgeClass: UUID
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let codes = try await CLISession.run(configurationFlags) {
                try await $0.claimCodes.codes(badgeClassID: badgeClass, allowed: Claims.everywhere)
            }
            for code in codes {
                let status = code.refusal(at: Date())?.rawValue ?? "active"
                print("\(code.id.uuidString.lowercased())  \(status)  \(code.uses)/\(code.maxUses.map(String.init) ?? "∞")  \(code.label ?? "")")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a claim code; claims already made stay.")
        @Option(help: "The claim code's id.") var code: UUID
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            _ = try await CLISession.run(configurationFlags) { try await $0.claimCodes.disable(id: code, actor: "cli", allowed: Claims.everywhere) }
            print("disabled \(code.uuidString.lowercased())")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the claims waiting for review, oldest first, with their evidence.")
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let pending = try await CLISession.run(configurationFlags) { try await $0.claimCodes.pending(institutionID: nil) }
            if pending.isEmpty { print("no claims wait for review") }
            for claim in pending {
                let evidence = [claim.evidence?.url, claim.evidence?.narrative].compactMap { $0 }.joined(separator: " · ")
                print("\(claim.id.uuidString.lowercased())  \(claim.createdAt.formatted(.iso8601))  \(evidence)")
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a waiting claim: the badge is issued to who claimed.")
        @Option(help: "The claim's id.") var claim: UUID
        @Option(help: "A comment for the audit trail and the claim.") var comment: String?
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let approved = try await CLISession.run(configurationFlags) {
                try await $0.claimCodes.approve(claimID: claim, comment: comment, actor: "cli", allowed: Claims.everywhere)
            }
            print("issued assertion \(approved.assertionID?.uuidString.lowercased() ?? "?")")
        }
    }

    struct ReviewLink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review-link",
            abstract: "Print a single-use link that opens the claim review page for an institution or one badge class (it works up to 7 days)."
        )
        @Option(help: "The institution whose waiting claims may be reviewed.") var institution: UUID?
        @Option(name: .customLong("class"), help: "The one badge class whose waiting claims may be reviewed.") var badgeClass: UUID?
        @Option(help: "Seconds the link works (1 to 604800); by default students.access_link.lifetime.") var expiresIn: Int?
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func validate() throws {
            guard institution != nil || badgeClass != nil else { throw ValidationError("name --institution or --class") }
        }

        func run() async throws {
            let (url, expiresAt, scope) = try await CLISession.run(configurationFlags) {
                try await $0.issueReviewLink(institutionID: institution, badgeClassID: badgeClass, lifetime: expiresIn.map(TimeInterval.init))
            }
            print(url)
            print("works once, until \(expiresAt.formatted(.iso8601)); reviews are audited as \(scope.actor)")
        }
    }

    struct Deny: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deny a waiting claim; its use goes back to the code.")
        @Option(help: "The claim's id.") var claim: UUID
        @Option(help: "Why, for the audit trail and the claim.") var comment: String?
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            _ = try await CLISession.run(configurationFlags) {
                try await $0.claimCodes.deny(claimID: claim, comment: comment, actor: "cli", allowed: Claims.everywhere)
            }
            print("denied \(claim.uuidString.lowercased())")
        }
    }
}
