public import ArgumentParser
public import BadgeCore
import BadgeIssuing
import BadgeServer
import Foundation

/// `badged keys create|revoke`: API keys for the admin API.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create and revoke API keys.",
        subcommands: [Create.self, Revoke.self, Rotate.self, Rotations.self, Import.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key and print it once.")

        @Option(help: "The institution (SCHAC home such as universiteit-harderwijk.nl, or its id). Omit for --role operator.")
        var institution: String?

        @Option(help: "admin, registrar, instructor, or operator (every institution).")
        var role: Role

        @Option(help: "A label to tell keys apart.")
        var label = "created with badged keys create"

        @Argument(parsing: .allUnrecognized, help: "Configuration flags.")
        var configurationFlags: [String] = []

        func run() async throws {
            let (key, token) = try await CLISession.run(configurationFlags) { session in
                try await session.administration.createKey(institution: institution, role: role, label: label)
            }
            print(token)
            FileHandle.standardError.write(
                Data("key \(key.id.uuidString.lowercased()) (\(key.role.rawValue)); store the token now, it is not shown again\n".utf8)
            )
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key by its id.")

        @Option(help: "The key's id (printed when it was created).")
        var id: UUID

        @Argument(parsing: .allUnrecognized, help: "Configuration flags.")
        var configurationFlags: [String] = []

        func run() async throws {
            let found = try await CLISession.run(configurationFlags) { try await $0.administration.revokeKey(id: id) }
            guard found else { throw CLIFailure(message: "no key with id \(id.uuidString.lowercased())") }
            print("revoked \(id.uuidString.lowercased())")
        }
    }
}

extension Keys {
    /// `badged keys rotate --issuer ID [--compromised]`: a new signing key, and a background job
    /// (run by the daemons' outbox delivery) that re-signs the issuer's signed, unrevoked
    /// assertions with it. Earlier keys stay published unless `--compromised` revokes the previous one.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give an issuer a new signing key and re-sign its assertions with it in the background.",
            discussion: """
                The issuer profile then lists only the new key (1EdTech's verifier accepts one). Earlier keys stay \
                published, so copies signed before keep verifying in badged verify; with --compromised the previous \
                key is revoked instead and stops being published.
                """
        )
        @Option(help: "The issuer id.") var issuer: UUID
        @Flag(help: "The previous key was compromised: revoke it (what it signed stops verifying) and re-sign.") var compromised = false
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let (id, job) = try await CLISession.run(configurationFlags) {
                try await $0.administration.rotateIssuerKeyWithJob(issuerID: issuer, compromised: compromised)
            }
            print("issuer \(issuer.uuidString.lowercased()) now signs with key \(id)")
            if let job {
                let replaced = job.replacedKeyID.map { compromised ? "; key \($0) is revoked" : "; key \($0) stays published" } ?? ""
                print("re-signing its signed assertions in the background (job \(job.id.uuidString.lowercased()))\(replaced)")
            }
        }
    }
}

extension Keys {
    /// `badged keys rotations --issuer ID`: the issuer's rotations and their re-signing progress.
    struct Rotations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an issuer's key rotations and how far their re-signing got.")
        @Option(help: "The issuer id.") var issuer: UUID
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let jobs = try await CLISession.run(configurationFlags) { try await $0.administration.keyRotations(issuerID: issuer) }
            guard !jobs.isEmpty else { return print("issuer \(issuer.uuidString.lowercased()) has no re-signing rotations") }
            for job in jobs {
                let state = job.completedAt.map { "done \($0.formatted(.iso8601))" } ?? "running"
                let replaced = job.replacedKeyID.map { " (replaced \($0)\(job.reason == .compromise ? ", revoked" : ""))" } ?? ""
                print("\(job.createdAt.formatted(.iso8601))  key \(job.keyID)\(replaced): \(job.resigned) re-signed, \(state)")
            }
        }
    }
}

extension Keys {
    /// `badged keys import --issuer ID --pem FILE [--chain FILE]`: an existing RSA key becomes
    /// the issuer's current signing key (sealed at rest like generated ones); earlier keys stay
    /// published. With `--chain`, its X.509 certificate chain goes with it into EDCI exports.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an RSA private key (PEM file) an issuer's signing key, optionally with its X.509 certificate chain."
        )
        @Option(help: "The issuer id.") var issuer: UUID
        @Option(help: "A PKCS#8 or PKCS#1 PEM file with an RSA private key of at least 2048 bits.") var pem: String
        @Option(
            help: """
                A PEM file with the key's X.509 certificate first, then its intermediates (such as an eIDAS qualified seal).                 Signed EDCI exports carry the chain; without it they carry a self-signed certificate derived from the key.
                """
        ) var chain: String?
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let text = try Self.read(pem, option: "pem", limit: 16_384)
            let chainText = try chain.map { try Self.read($0, option: "chain", limit: IssuerCertificateChain.maximumSize) }
            let id = try await CLISession.run(configurationFlags) {
                try await $0.administration.importIssuerKey(issuerID: issuer, privateKeyPEM: text, chainPEM: chainText)
            }
            let with = chainText == nil ? "" : " and its certificate chain"
            print("issuer \(issuer.uuidString.lowercased()) now signs with imported key \(id)\(with)")
        }

        private static func read(_ path: String, option: String, limit: Int) throws -> String {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            guard let size = attributes?[.size] as? Int, size <= limit else {
                throw CLIFailure(message: "\(option): \(path) is missing or larger than \(limit / 1024) KiB")
            }
            return try String(contentsOfFile: path, encoding: .utf8)
        }
    }
}

extension Role: ExpressibleByArgument {}
