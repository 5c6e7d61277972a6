public import ArgumentParser
import BadgeIssuing
import BadgeServer
import Foundation
public import LTI

/// `badged platform add|show|rotate-key|register-url`: LTI 1.3 platform registrations, what the LMS admin
/// types in, and the tool key.
struct PlatformCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "platform",
        abstract: "Register LTI 1.3 platforms (Moodle, Canvas).",
        subcommands: [Add.self, Show.self, RotateKey.self, RegisterURL.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a platform (again, to change it).")

        @Option(help: "The institution the platform's courses belong to (identifier or id).") var institution: String
        @Option(help: "moodle, canvas or generic: fills in the endpoints the preset knows.") var preset: Platform.Preset = .generic
        @Option(help: "The platform's issuer (Moodle: the site URL; Canvas: https://canvas.instructure.com).") var issuer: String?
        @Option(help: "The client id the platform assigned to badged.") var clientID: String
        @Option(help: "A deployment id (repeatable).") var deploymentID: [String]
        @Option(help: "OIDC authorization URL (needed for generic).") var authURL: String?
        @Option(help: "OAuth2 token URL (needed for generic).") var tokenURL: String?
        @Option(help: "The platform's JWKS URL (needed for generic).") var jwksURL: String?
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let platform = try PlatformFactory.make(
                preset: preset,
                issuer: issuer,
                clientID: clientID,
                deploymentIDs: Set(deploymentID),
                authURL: authURL,
                tokenURL: tokenURL,
                jwksURL: jwksURL
            )
            let reader = try await ConfigurationLoader.reader(arguments: ["badged"] + configurationFlags)
            try await CLISession.run(reader: reader) { try await $0.administration.registerPlatform(platform, institution: institution) }
            print("registered \(platform.issuer) client \(platform.clientID)")
            print(try ToolEndpoints(reader: reader).summary)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the registered platforms and the tool's URLs for the LMS form.")
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let reader = try await ConfigurationLoader.reader(arguments: ["badged"] + configurationFlags)
            let (platforms, keys) = try await CLISession.run(reader: reader) {
                (try await $0.administration.registeredPlatforms(), try await $0.administration.toolKeySet())
            }
            print(try ToolEndpoints(reader: reader).registrationSheet(keys: keys))
            for platform in platforms {
                print(
                    "platform \(platform.issuer) (\(platform.preset.rawValue)) client \(platform.clientID), deployments \(platform.deploymentIDs.sorted().joined(separator: ", "))"
                )
            }
        }
    }

    struct RotateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Make a new LTI tool key; the previous one stays published in /lti/jwks."
        )
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let (key, keys) = try await CLISession.run(configurationFlags) {
                (try await $0.administration.rotateToolKey(), try await $0.administration.toolKeySet())
            }
            print("new tool key \(key.kid); published: \((keys.map { [$0.current] + $0.published } ?? []).map(\.kid).joined(separator: ", "))")
            print("Platforms that take a pasted key (Moodle RSA key, Canvas Public JWK) need the new one from `badged platform show`.")
        }
    }
}

extension PlatformCommand {
    struct RegisterURL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register-url",
            abstract: "Make a one-time LTI Dynamic Registration URL for an LMS administrator (Moodle 4, Canvas)."
        )
        @Option(help: "The institution the platform's courses belong to (identifier or id).") var institution: String
        @Option(help: "Hours until the URL expires (at most 168).") var validHours: Double = 24
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let link = try await CLISession.run(configurationFlags) {
                try await $0.administration.makeRegistrationURL(institution: institution, validFor: validHours * 3600)
            }
            print(link.url)
            print("Paste it as the tool URL of a Dynamic Registration (Moodle: Manage tools > Tool URL; Canvas: LTI Registration).")
            print("It works once, until \(link.expiresAt.formatted(.iso8601)).")
        }
    }
}

extension Platform.Preset: ExpressibleByArgument {}
