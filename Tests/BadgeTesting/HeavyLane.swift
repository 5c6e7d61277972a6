public import Testing

/// A lane for heavy tests (live daemons, big batches, child processes): tests with this trait
/// run one at a time, while the rest of the suite runs in parallel beside them. On a loaded
/// 2-core machine this keeps a heavy test from sharing the CPU with other heavy tests, so the
/// deadlines that catch hangs are not hit by a slow neighbour.
///
/// Apply it to a suite (`@Suite("…", .heavyLane)`) or a test.
public struct HeavyLaneTrait: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public init() {}

    /// Only test cases take the lane; a suite holding it would shut out its own tests.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> HeavyLaneTrait? {
        test.isSuite || testCase == nil ? nil : self
    }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await HeavyLane.shared.run(function)
    }
}

extension Trait where Self == HeavyLaneTrait {
    /// Runs the suite's (or the test's) cases one at a time with every other heavy test.
    public static var heavyLane: Self { HeavyLaneTrait() }
}

/// The one lane, shared by every heavy test of the process (a test-only singleton: the trait
/// system gives traits no place to share state through).
actor HeavyLane {
    static let shared = HeavyLane()

    private var isBusy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run(_ body: @Sendable () async throws -> Void) async throws {
        if isBusy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            isBusy = true
        }
        defer {
            if waiting.isEmpty { isBusy = false } else { waiting.removeFirst().resume() }
        }
        try await body()
    }
}
