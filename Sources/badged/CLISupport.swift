public import ArgumentParser
import BadgeCore
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
