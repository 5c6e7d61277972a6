import ArgumentParser
import BadgeCore
import BadgeServer
import Foundation
import LTI
import OpenBadges
import Primitives

/// `badged verify <url|file|jws>`: verifies any Open Badges 2.0 assertion, also ones badged did
/// not issue, prints every check on its own line and the result, and exits non-zero unless valid.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify an Open Badges 2.0 assertion and print what was checked.",
        discussion: """
            INPUT is a hosted assertion URL, a file (a baked .png or .svg, assertion .json, a .jws, or text \
            holding a JWS), a compact JWS, or - for standard input. Exit status: 0 valid, 1 invalid, \
            2 revoked, 3 expired.
            """
    )

    /// The largest file or standard input read.
    static let maximumInputBytes = 8 << 20

    @Argument(help: "A URL, a file path, a compact JWS, or - for standard input.")
    var input: String

    @Option(help: "An e-mail address, URL, telephone number or id to match against the recipient (only the match is printed).")
    var recipient: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(
        name: .customLong("allow-private"),
        help:
            "A host or host:port that may be fetched on a private or loopback address or over http (repeatable; also BADGED_NETWORK_PRIVATE_ENDPOINT_ALLOWLIST)."
    )
    var allowPrivate: [String] = []

    func run() async throws {
        let source = try Self.load(input)
        let recipient = self.recipient
        let fromEnvironment =
            ProcessInfo.processInfo.environment["BADGED_NETWORK_PRIVATE_ENDPOINT_ALLOWLIST"]?.split(separator: ",").map(String.init) ?? []
        let policy = OutboundPolicy(allowlist: allowPrivate + fromEnvironment)
        let report = try await HTTPDocumentFetcher.withFetcher(policy: policy) { fetcher in
            await BadgeVerifier(fetcher: fetcher, clock: SystemTimeSource()).verify(source, recipient: recipient)
        }
        print(json ? report.jsonValue.encodedString(pretty: true) : report.lines.joined(separator: "\n"))
        switch report.result {
        case .valid: return
        case .invalid: throw ExitCode(1)
        case .revoked: throw ExitCode(2)
        case .expired: throw ExitCode(3)
        }
    }

    /// A URL or JWS as text, standard input or a file as bytes, anything else as text.
    static func load(_ argument: String) throws -> VerificationInput {
        let lower = argument.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return .text(argument) }
        if argument == "-" {
            let data = FileHandle.standardInput.readData(ofLength: maximumInputBytes + 1)
            guard data.count <= maximumInputBytes else { throw CLIFailure(message: "standard input is larger than \(maximumInputBytes) bytes") }
            return .data(data)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
            // A JWS never holds a slash or a file extension; JSON starts with a brace.
            let looksLikePath =
                !argument.hasPrefix("{") && (argument.contains("/") || [".png", ".svg", ".json", ".jws", ".txt"].contains { lower.hasSuffix($0) })
            if looksLikePath { throw CLIFailure(message: "no such file: \(argument)") }
            return .text(argument)
        }
        guard !isDirectory.boolValue else { throw CLIFailure(message: "\(argument) is a directory") }
        let size = (try? FileManager.default.attributesOfItem(atPath: argument)[.size] as? Int) ?? 0
        guard size <= maximumInputBytes else { throw CLIFailure(message: "\(argument) is larger than \(maximumInputBytes) bytes") }
        do {
            return .data(try Data(contentsOf: URL(fileURLWithPath: argument)))
        } catch {
            throw CLIFailure(message: "cannot read \(argument): \(error.localizedDescription)")
        }
    }
}
