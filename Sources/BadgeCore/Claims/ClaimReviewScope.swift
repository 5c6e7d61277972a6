public import Foundation

/// What a reviewer access link lets its holder review: the waiting claims of one institution,
/// or of one badge class of it. A mentor who is in no LMS reviews through such a link.
///
/// The scope travels in a reviewer session as its ``key`` (`claim-review:<link>:<institution>:<class or ->`),
/// which never looks like a recipient key (those are 64 hex digits), so a reviewer session can
/// never pass for a student's.
public struct ClaimReviewScope: Hashable, Sendable {
    /// The prefix of every scope key.
    public static let keyPrefix = "claim-review:"

    /// The access link that opened the scope (named in the audit rows of its reviews).
    public let linkID: UUID
    /// The institution whose claims may be reviewed.
    public let institutionID: UUID
    /// The one badge class whose claims may be reviewed; nil for every class of the institution.
    public let badgeClassID: UUID?

    /// Creates a scope.
    public init(linkID: UUID, institutionID: UUID, badgeClassID: UUID?) {
        self.linkID = linkID
        self.institutionID = institutionID
        self.badgeClassID = badgeClassID
    }

    /// Reads a scope from its key.
    /// - Returns: nil for anything that is not a scope key (a student's recipient key included).
    public init?(key: String) {
        guard key.hasPrefix(Self.keyPrefix) else { return nil }
        let parts = key.dropFirst(Self.keyPrefix.count).split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let link = UUID(uuidString: parts[0]), let institution = UUID(uuidString: parts[1]) else { return nil }
        let badgeClass: UUID?
        if parts[2] == "-" {
            badgeClass = nil
        } else {
            guard let id = UUID(uuidString: parts[2]) else { return nil }
            badgeClass = id
        }
        self.init(linkID: link, institutionID: institution, badgeClassID: badgeClass)
    }

    /// The scope as one text, kept where a student session keeps its recipient key.
    public var key: String {
        Self.keyPrefix
            + [linkID.uuidString, institutionID.uuidString, badgeClassID?.uuidString ?? "-"].map { $0.lowercased() }.joined(separator: ":")
    }

    /// Whether a claim is within the scope.
    public func covers(_ claim: Claim) -> Bool {
        claim.institutionID == institutionID && (badgeClassID == nil || claim.badgeClassID == badgeClassID)
    }

    /// The action of the audit row written when a reviewer link is issued.
    public static let issueAuditAction = "claim_review_link.issue"

    /// The detail of the audit row of a reviewer link issued for this scope: what it covers and
    /// when it stops working, e.g. `badge_class:<id> expires_at:2026-12-08T10:00:00Z`
    /// (`institution` for a whole institution, which the row names in its own column).
    public func auditDetail(expiresAt: Date) -> String {
        let covers = badgeClassID.map { "badge_class:" + $0.uuidString.lowercased() } ?? "institution"
        return covers + " expires_at:" + expiresAt.formatted(.iso8601)
    }

    /// The actor of the audit rows of reviews through this scope's link.
    public var actor: String {
        "review_link:" + linkID.uuidString.lowercased()
    }
}
