// Re-exported: every module's error is a `ModuleError`, whose members callers must see.
@_exported public import Primitives

/// The one error type of the benchmarks: a run that could not be set up or did not do what
/// it measures.
public typealias BenchmarkError = ModuleError<BenchmarkErrors>

/// The domain of ``BenchmarkError``s.
public enum BenchmarkErrors: ErrorDomain {
    public static let name = "BenchmarkError"
}

extension ErrorCode where Module == BenchmarkErrors {
    /// The benchmark's setup failed (a bad URL, a catalogue without badge classes).
    public static let setup = Self("setup")
    /// The measured work did not produce what it should.
    public static let unexpectedResult = Self("unexpected_result")
}
