public import Foundation

extension UUID {
    /// The all-zero id: stands for a parent that is not in badged (yet), such as the issuer of a
    /// credential read from a file, until the value is attached to a stored record.
    public static let unattached = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}
