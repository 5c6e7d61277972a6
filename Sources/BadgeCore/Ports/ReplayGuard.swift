public import Foundation

/// The storage port for single-use values (a JWT's `jti`, an OAuth nonce), shared by every
/// daemon on the database.
public protocol ReplayGuard: Sendable {
    /// Marks `value` (a digest of the single-use value, never the value itself) used within
    /// `scope` until `expiresAt`; true only for the first use.
    /// Values whose time has passed may be forgotten.
    func firstUse(scope: String, value: String, expiresAt: Date, now: Date) async throws -> Bool

    /// Marks many values used at once (one write); per value, in order, true only for its first
    /// use. Of two equal values in `uses`, the second is not a first use.
    func firstUses(_ uses: [SingleUse], now: Date) async throws -> [Bool]
}

/// One single-use value to mark used (see ``ReplayGuard``).
public struct SingleUse: Hashable, Sendable {
    /// What the value is for (`lti-nonce`, `student-handoff`, ...).
    public let scope: String
    /// A digest of the value, never the value itself.
    public let value: String
    /// Until when it must be remembered.
    public let expiresAt: Date

    /// Creates a single-use value.
    public init(scope: String, value: String, expiresAt: Date) {
        self.scope = scope
        self.value = value
        self.expiresAt = expiresAt
    }
}

extension ReplayGuard {
    /// One value at a time, for guards with no batch write of their own.
    public func firstUses(_ uses: [SingleUse], now: Date) async throws -> [Bool] {
        var fresh: [Bool] = []
        for use in uses { fresh.append(try await firstUse(scope: use.scope, value: use.value, expiresAt: use.expiresAt, now: now)) }
        return fresh
    }
}
