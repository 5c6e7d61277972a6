public import ArgumentParser
import BadgeCore
import BadgeServer
import Configuration
public import Foundation
import Logging

/// The logger of one-shot commands: warnings and worse, to standard error.
enum CLILogging {
    static var logger: Logger {
        var logger = Logger(label: "badged", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        return logger
    }
}

/// A command failure with a one-line reason (the field for validation errors) and exit code 1.
struct CLIFailure: Error, CustomStringConvertible {
    let description: String

    init(message: String) {
        description = message
    }

    init(_ error: any Error) {
        if let error = error as? BadgeCoreError {
            description = error.field.map { "\($0): \(error.message)" } ?? error.message
        } else {
            description = "\(error)"
        }
    }
}

extension UUID: @retroactive ExpressibleByArgument {
    public init?(argument: String) {
        self.init(uuidString: argument)
    }
}

/// One admin session for a one-shot command: opened from the configuration, closed whatever
/// happens, with failures turned into a one-line ``CLIFailure``.
enum CLISession {
    /// Runs `body` with a session on the database the configuration flags name.
    static func run<R>(_ configurationFlags: [String], _ body: (AdminSession) async throws -> R) async throws -> R {
        try await run(reader: try await ConfigurationLoader.reader(arguments: ["badged"] + configurationFlags), body)
    }

    /// Runs `body` with a session on the database `reader` names.
    static func run<R>(reader: ConfigReader, _ body: (AdminSession) async throws -> R) async throws -> R {
        let session = try await AdminSession.open(reader: reader, logger: CLILogging.logger)
        do {
            let result = try await body(session)
            try await session.close()
            return result
        } catch {
            try? await session.close()
            if error is ExitCode || error is CLIFailure { throw error }
            throw CLIFailure(error)
        }
    }
}

/// Reading the inputs commands share.
enum CLIInput {
    /// A file's bytes (at most 16 MiB).
    static func read(_ path: String) throws -> Data {
        let url = URL(fileURLWithPath: path)
        guard let size = try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize else { throw CLIFailure(message: "\(path): no such file") }
        guard size <= 16 * 1_048_576 else { throw CLIFailure(message: "\(path): larger than 16 MiB") }
        return try Data(contentsOf: url)
    }

    /// A recipient given as TYPE:IDENTITY.
    static func recipient(_ text: String) throws -> Recipient {
        do {
            return try Recipient(typedIdentity: text)
        } catch {
            throw CLIFailure(message: "recipient: \(error.message)")
        }
    }
}
