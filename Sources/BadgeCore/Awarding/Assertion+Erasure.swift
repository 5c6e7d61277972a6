public import Foundation

extension Assertion {
    /// The revocation reason of an assertion erased at its recipient's request.
    public static let erasureReason = "erased at the recipient's request"

    /// The assertion with nothing left that identifies its recipient: revoked (if it was not
    /// already) so that verifiers see it no longer stands, and its hashed identity replaced by
    /// ``HashedRecipient/erased``. Its id stays, for the issuer's RevocationList.
    public func erased(at date: Date) -> Assertion {
        var erased = self
        erased.revoke(at: date, reason: Self.erasureReason)
        erased.recipient = .erased(type: recipient.type)
        erased.evidence = []
        erased.narrative = nil
        erased.grade = nil
        return erased
    }

    /// Whether the assertion was erased at its recipient's request.
    public var isErased: Bool { recipient.identity == HashedRecipient.erasedIdentity }
}

extension HashedRecipient {
    /// The identity of an erased recipient: a digest no identity and salt produce.
    public static let erasedIdentity = "sha256$" + String(repeating: "0", count: 64)

    /// An erased recipient of the given type.
    public static func erased(type: Recipient.IdentityType) -> HashedRecipient {
        HashedRecipient(type: type, identity: erasedIdentity, salt: "")
    }
}
