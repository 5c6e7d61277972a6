public import Foundation

/// A one-shot `badged` command (or any executable) as a child process, for tests of the
/// command line: its exit status and standard output (see ``ChildProcess``).
public enum CommandProcess {
    /// Runs `executable` to its end.
    /// - Parameters:
    ///   - arguments: the command line after the executable.
    ///   - input: written to the child's standard input.
    /// - Returns: the exit status and everything written to standard output.
    public static func run(_ executable: URL, _ arguments: [String], input: String? = nil) async throws -> (status: Int32, output: String) {
        let finished = try await ChildProcess.run(executable.path, arguments, input: Data((input ?? "").utf8))
        return (finished.status, finished.output)
    }
}
