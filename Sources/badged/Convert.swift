import ArgumentParser
import BadgeServer
import Foundation

/// `badged convert --to edubadges IN.xml [-o OUT]`: an EDCI credential in edubadges form, with
/// every field that has no place there listed as a diagnostic. Works offline on files.
struct Convert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Convert an EDCI credential XML to edubadges form (preview JSON).")

    @Option(help: "The target form; edubadges for now.") var to = "edubadges"
    @Option(name: .shortAndLong, help: "Write the JSON here instead of standard output.") var output: String?
    @Option(help: "The EDCI XSD directory (default: edci.schema_dir, else ../shared/edci/xsd).") var schemaDir: String?
    @Argument(help: "The EDCI XML file.") var input: String
    @Argument(parsing: .allUnrecognized, help: "Configuration flags.") var configurationFlags: [String] = []

    func run() async throws {
        guard to == "edubadges" else {
            throw CLIFailure(message: "to: only edubadges is supported here; EDCI exports are served at /public/assertions/{id}.edci.xml")
        }
        let reader = try await ConfigurationLoader.reader(arguments: ["badged"] + configurationFlags)
        let configured = try AppConfiguration(reader: reader).edciSchemaDirectory
        let directory = schemaDir ?? configured ?? "../shared/edci/xsd"
        let data = try Data(contentsOf: URL(fileURLWithPath: input))
        let preview: EDCIPreview
        do {
            preview = try EDCIPreview(xml: data, schemaDirectory: URL(fileURLWithPath: directory, isDirectory: true))
        } catch {
            throw CLIFailure(error)
        }
        let json = try preview.json()
        if let output {
            try json.write(to: URL(fileURLWithPath: output))
        } else {
            FileHandle.standardOutput.write(json + Data("\n".utf8))
        }
    }
}
