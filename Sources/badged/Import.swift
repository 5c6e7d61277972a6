import ArgumentParser
import BadgeCore
import BadgeIssuing
import BadgeServer
import Foundation
import Logging

/// `badged import FILE`: loads a catalogue file (an institution with its faculties, issuers and
/// badge classes) in one transaction.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import a catalogue file, e.g. Samples/catalog/universiteit-harderwijk.json.")

    @Argument(help: "The catalogue JSON file.")
    var file: String

    @Argument(parsing: .allUnrecognized, help: "Configuration flags, e.g. --db-url postgres://….")
    var configurationFlags: [String] = []

    func run() async throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let tree = try await CLISession.run(configurationFlags) { try await $0.administration.importCatalog(data) }
        print("imported \(tree.institution.identifier) (id \(tree.institution.id.uuidString.lowercased())):")
        print("  \(tree.faculties.count) faculties, \(tree.issuers.count) issuers, \(tree.badgeClasses.count) badge classes")
    }
}
