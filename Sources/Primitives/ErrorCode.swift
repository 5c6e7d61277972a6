/// The code of a module's error: a stable identifier (it is the `code` of problem+json answers),
/// typed by the error it belongs to so that codes of different modules never compare equal.
///
/// A module declares its codes as static members of a constrained extension, which keeps the set
/// extensible without breaking callers:
///
/// ```swift
/// extension ErrorCode where Module == StorageError {
///     public static let unavailable = Self("unavailable")
/// }
/// ```
public struct ErrorCode<Module>: Hashable, Sendable, CustomStringConvertible {
    /// The stable identifier, such as `validation` or `replayed_nonce`.
    public let name: String

    /// Creates a code; only the module that owns `Module` should.
    public init(_ name: String) {
        self.name = name
    }

    public var description: String { name }
}
