public import Foundation

/// Runs a command-line tool to its end for a test (xmllint, zbarimg, the Open Badges verifier).
///
/// Output goes through temporary files, not pipes: a pipe read that a signal interrupts (child
/// processes of concurrent tests exit all the time) makes Foundation's `readDataToEndOfFile`
/// crash the whole test process.
public enum ChildProcess {
    /// What a finished process left.
    public struct Finished: Sendable {
        public let status: Int32
        public let output: String
        public let errors: String
    }

    /// Runs `executable` with `arguments`, feeding `input` to its standard input.
    /// - Parameter environment: variables set for the tool besides the test process's own.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        input: Data? = nil,
        directory: URL? = nil,
        environment: [String: String] = [:]
    ) async throws -> Finished {
        let folder = FileManager.default.temporaryDirectory.appending(path: "badged-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (outputFile, errorFile, inputFile) = (folder.appending(path: "out"), folder.appending(path: "err"), folder.appending(path: "in"))
        try Data().write(to: outputFile)
        try Data().write(to: errorFile)
        try (input ?? Data()).write(to: inputFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let output = try FileHandle(forWritingTo: outputFile)
        let errors = try FileHandle(forWritingTo: errorFile)
        let stdin = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try? output.close()
        try? errors.close()
        try? stdin.close()
        return Finished(
            status: status,
            output: String(decoding: try Data(contentsOf: outputFile), as: UTF8.self),
            errors: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self)
        )
    }
}
