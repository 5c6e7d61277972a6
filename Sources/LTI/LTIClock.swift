public import Foundation

/// Where the LTI module reads the current time; injected so that tests can pin it.
public protocol LTIClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system clock.
public struct SystemLTIClock: LTIClock {
    /// Creates the system clock.
    public init() {}

    public func now() -> Date { Date() }
}
