import ArgumentParser
import BadgeCore
import BadgeIssuing
import BadgeServer
import EDCI
import Foundation

/// `badged convert --to edubadges|edci IN [-o OUT]`: between Europass EDCI XML and edubadges
/// Open Badges JSON, offline, on files. Every field that has no place in the target is listed.
struct Convert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert between Europass EDCI credential XML and edubadges Open Badges JSON.",
        discussion: """
            --to edubadges: an EDCI credential XML in edubadges form (preview JSON with diagnostics and the signature result; \
            signature.trust says whether the signer's chain reaches a CA in edci.trusted_ca_dir).
            --to edci: an edubadges OB 2.0 assertion JSON (badge class and issuer embedded, or {"assertion","badge","issuer"}) \
            as EDCI XML validated against the EU schema; signed when --key and --cert are given. Diagnostics go to standard error.
            """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case edubadges
        case edci
    }

    @Option(help: "The target form: edubadges or edci.") var to: Target
    @Option(name: .shortAndLong, help: "Write the result here instead of standard output.") var output: String?
    @Option(help: "The EDCI XSD directory (default: edci.schema_dir, else ../shared/edci/xsd).") var schemaDir: String?
    @Option(help: "--to edci: an RSA private key (PEM) to sign with.") var key: String?
    @Option(help: "--to edci: the key's X.509 certificate (PEM), or its chain (the key's certificate first), placed in the signature's KeyInfo.")
    var cert: String?
    @Argument(help: "The input file.") var input: String
    @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

    /// The largest input read.
    static let maximumInput = 5 * 1024 * 1024

    func validate() throws {
        if (key == nil) != (cert == nil) { throw ValidationError("--key and --cert go together") }
        if to == .edubadges, key != nil { throw ValidationError("--key and --cert sign EDCI output; use them with --to edci") }
    }

    func run() async throws {
        let reader = try await ConfigurationLoader.reader(arguments: ["badged"] + configurationFlags)
        let configuration = try AppConfiguration(reader: reader)
        let directory = URL(fileURLWithPath: schemaDir ?? configuration.edciSchemaDirectory ?? "../shared/edci/xsd", isDirectory: true)
        let data = try Self.read(input)
        let result: Data
        do {
            switch to {
            case .edubadges:
                let trust = EDCITrustStore(
                    directory: configuration.edciTrustedCADirectory.map { URL(fileURLWithPath: $0, isDirectory: true) },
                    clock: SystemTimeSource()
                )
                let schema = try EDCISchema(directory: directory, file: EDCISchema.presentationSchemaFile)
                result = try await EDCIPreview(xml: data, schema: schema, trust: trust).json() + Data("\n".utf8)
            case .edci:
                let signer = try key.map {
                    try EDCISigner(
                        privateKeyPEM: String(decoding: try Self.read($0), as: UTF8.self),
                        certificatePEM: String(decoding: try Self.read(cert ?? ""), as: UTF8.self)
                    )
                }
                let converted = try EdubadgesToEDCI(schema: try EDCISchema(directory: directory), signer: signer).convert(data)
                for diagnostic in converted.diagnostics {
                    FileHandle.standardError.write(Data("note: \(diagnostic)\n".utf8))
                }
                result = converted.xml
            }
        } catch {
            throw CLIFailure(error)
        }
        if let output {
            try result.write(to: URL(fileURLWithPath: output))
        } else {
            FileHandle.standardOutput.write(result)
        }
    }

    private static func read(_ path: String) throws -> Data {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = attributes?[.size] as? Int else { throw CLIFailure(message: "\(path): no such file") }
        guard size <= maximumInput else { throw CLIFailure(message: "\(path): larger than \(maximumInput / 1_048_576) MiB") }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
