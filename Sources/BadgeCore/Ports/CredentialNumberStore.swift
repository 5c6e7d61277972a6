public import Foundation

/// The storage port for credential numbers. The assertion store gives every new assertion its
/// number in the award's transaction; this port reads them, and numbers an assertion stored before
/// numbers existed the first time its number is asked for (see ``numbers(for:)``).
public protocol CredentialNumberStore: Sendable {
    /// The numbers of these assertions. An assertion without one gets one now, in one transaction,
    /// retrying on a collision; when several daemons do this at once, the first number written
    /// stays. Ids of no assertion are left out.
    func numbers(for assertionIDs: [UUID]) async throws -> [UUID: CredentialNumber]

    /// The assertion with this number, or nil.
    func assertionID(numbered number: CredentialNumber) async throws -> UUID?
}
