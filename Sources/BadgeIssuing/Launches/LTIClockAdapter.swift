public import BadgeCore
public import Foundation
public import LTI

/// badged's clock, seen through the LTI library's port.
public struct LTIClockAdapter: LTIClock {
    let source: any TimeSource

    /// Adapts a time source.
    public init(source: any TimeSource) {
        self.source = source
    }

    public func now() -> Date { source.now() }
}
