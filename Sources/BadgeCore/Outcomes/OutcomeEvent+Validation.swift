import Foundation

extension OutcomeEvent {
    /// The longest platform, course, item or user identifier accepted.
    public static let maximumIdentifierLength = 1024
    /// The longest comment kept.
    public static let maximumCommentLength = 2000
    /// The largest score accepted.
    public static let maximumScore = 1_000_000.0

    /// Checks the bounds every intake applies before anything is stored.
    /// - Throws: ``BadgeCoreError`` `.validation` naming the field as the AGS Score JSON spells it.
    public func validate() throws(BadgeCoreError) {
        try Validation.requireText(platform.issuer, field: "iss", maxLength: Self.maximumIdentifierLength)
        try Validation.requireText(platform.clientID, field: "client_id", maxLength: Self.maximumIdentifierLength)
        try Validation.requireText(contextID, field: "context_id", maxLength: Self.maximumIdentifierLength)
        try Validation.requireText(userID, field: "userId", maxLength: Self.maximumIdentifierLength)
        for (value, field) in [(lineItemURL, "lineItem"), (resourceLinkID, "resourceLinkId"), (contextTitle, "context_title"), (itemTitle, "label")] {
            if let value, value.count > Self.maximumIdentifierLength {
                throw .invalid(field, "\(field) is longer than \(Self.maximumIdentifierLength) characters")
            }
        }
        guard lineItemURL != nil || resourceLinkID != nil else {
            throw .invalid("lineItem", "a grade must name its line item or resource link")
        }
        if let comment, comment.count > Self.maximumCommentLength {
            throw .invalid("comment", "comment is longer than \(Self.maximumCommentLength) characters")
        }
        if let scoreGiven {
            guard scoreGiven.isFinite, scoreGiven >= 0, scoreGiven <= Self.maximumScore else {
                throw .invalid("scoreGiven", "scoreGiven must be a number from 0 to \(Int(Self.maximumScore))")
            }
            guard scoreMaximum != nil else { throw .invalid("scoreMaximum", "scoreMaximum is required with scoreGiven") }
        }
        if let scoreMaximum {
            guard scoreMaximum.isFinite, scoreMaximum > 0, scoreMaximum <= Self.maximumScore else {
                throw .invalid("scoreMaximum", "scoreMaximum must be a positive number up to \(Int(Self.maximumScore))")
            }
        }
        guard identities.count <= 8 else { throw .invalid("identities", "at most 8 identifiers per user") }
        for recipient in identities { try recipient.validate() }
    }
}
