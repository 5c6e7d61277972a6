public import Foundation

/// Where the current time comes from; injected so that tests can pin it.
public protocol TimeSource: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system clock, truncated to whole seconds so that stored and serialised times agree.
public struct SystemTimeSource: TimeSource {
    /// Creates the system time source.
    public init() {}

    public func now() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }
}
