public import Foundation

/// A one-shot `badged` command (or any executable) as a child process, for tests of the
/// command line: its exit status and standard output.
public enum CommandProcess {
    /// Runs a process on its own thread: blocking a Swift concurrency thread while the child
    /// talks to the daemon in this process could starve the daemon on a 2-core machine.
    /// - Parameters:
    ///   - arguments: the command line after the executable.
    ///   - input: written to the child's standard input, which is then closed.
    /// - Returns: the exit status and everything written to standard output.
    public static func run(_ executable: URL, _ arguments: [String], input: String? = nil) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                let process = Process()
                process.executableURL = executable
                process.arguments = arguments
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = FileHandle.nullDevice
                let stdin = Pipe()
                process.standardInput = stdin
                do {
                    try process.run()
                    stdin.fileHandleForWriting.write(Data((input ?? "").utf8))
                    try stdin.fileHandleForWriting.close()
                    let data = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: (process.terminationStatus, String(decoding: data, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }
}
