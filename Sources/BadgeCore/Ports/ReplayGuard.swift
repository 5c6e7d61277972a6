public import Foundation

/// The storage port for single-use values (a JWT's `jti`, an OAuth nonce), shared by every
/// daemon on the database.
public protocol ReplayGuard: Sendable {
    /// Marks `value` (a digest of the single-use value, never the value itself) used within
    /// `scope` until `expiresAt`; true only for the first use.
    /// Values whose time has passed may be forgotten.
    func firstUse(scope: String, value: String, expiresAt: Date, now: Date) async throws -> Bool
}
