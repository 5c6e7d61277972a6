public import Primitives

/// The one error type of the benchmarks: a run that could not be set up or did not do what
/// it measures.
public struct BenchmarkError: ModuleError {
    /// What kind of failure this is.
    public typealias Code = ErrorCode<BenchmarkError>

    public let code: Code
    public let message: String
    public let cause: (any Error)?
    public let location: String

    /// Creates an error.
    public init(_ code: Code, _ message: String, cause: (any Error)? = nil, fileID: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.cause = cause
        self.location = "\(fileID):\(line)"
    }
}

extension ErrorCode where Module == BenchmarkError {
    /// The benchmark's setup failed (a bad URL, a catalogue without badge classes).
    public static let setup = Self("setup")
    /// The measured work did not produce what it should.
    public static let unexpectedResult = Self("unexpected_result")
}
