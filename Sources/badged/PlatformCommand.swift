public import ArgumentParser
import BadgeServer
import Foundation
public import LTI

/// `badged platform add|show`: LTI 1.3 platform registrations and what the LMS admin types in.
struct PlatformCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "platform",
        abstract: "Register LTI 1.3 platforms (Moodle, Canvas).",
        subcommands: [Add.self, Show.self]
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
            let session = try await AdminSession.open(reader: reader, logger: CLILogging.logger)
            do {
                try await session.registerPlatform(platform, institution: institution)
                try await session.close()
            } catch {
                try? await session.close()
                throw CLIFailure(error)
            }
            print("registered \(platform.issuer) client \(platform.clientID)")
            print(try ToolEndpoints(reader: reader).summary)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the registered platforms and the tool's URLs for the LMS form.")
        @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

        func run() async throws {
            let reader = try await ConfigurationLoader.reader(arguments: ["badged"] + configurationFlags)
            let session = try await AdminSession.open(reader: reader, logger: CLILogging.logger)
            let platforms = try await session.registeredPlatforms()
            try await session.close()
            print(try ToolEndpoints(reader: reader).summary)
            for platform in platforms {
                print(
                    "platform \(platform.issuer) (\(platform.preset.rawValue)) client \(platform.clientID), deployments \(platform.deploymentIDs.sorted().joined(separator: ", "))"
                )
            }
        }
    }
}

extension Platform.Preset: ExpressibleByArgument {}
