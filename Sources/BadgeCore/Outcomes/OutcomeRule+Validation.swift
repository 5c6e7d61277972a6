import Foundation

extension OutcomeRule {
    /// Checks the rule's own fields (the badge class and duplicates are checked where the
    /// catalogue and the other rules are known).
    /// - Throws: ``BadgeCoreError`` `.validation` naming the field as the JSON shape spells it.
    public func validate() throws(BadgeCoreError) {
        let limit = OutcomeEvent.maximumIdentifierLength
        try Validation.requireText(match.issuer, field: "match.issuer", maxLength: limit)
        try Validation.requireText(match.clientID, field: "match.client_id", maxLength: limit)
        try Validation.requireText(match.contextID, field: "match.context_id", maxLength: limit)
        switch (match.lineItem, match.resourceLinkID) {
        case (nil, nil), (.some, .some):
            throw .invalid("match.line_item", "a rule watches exactly one of match.line_item and match.resource_link_id")
        case (let lineItem?, nil):
            try Validation.requireWebURL(lineItem, field: "match.line_item")
        case (nil, let resourceLinkID?):
            try Validation.requireText(resourceLinkID, field: "match.resource_link_id", maxLength: limit)
        }
        if let title { try Validation.requireText(title, field: "title", maxLength: 200) }
        switch condition {
        case .scoreRatio(let threshold):
            guard threshold.isFinite, threshold > 0, threshold <= 1 else {
                throw .invalid("condition.threshold", "a score_ratio threshold is a fraction above 0 and at most 1, such as 0.55")
            }
        case .dutchGrade(let threshold):
            guard threshold.isFinite, threshold >= 1, threshold <= 10 else {
                throw .invalid("condition.threshold", "a dutch_grade threshold is a grade from 1 to 10, such as 5.5")
            }
        case .passFail, .completed:
            break
        }
    }

    /// The key two rules may not share: one rule per watched item of a course of a platform.
    public var matchKey: String { match.key }
}

extension OutcomeRule.Match {
    /// The match as one key (see ``OutcomeRule/matchKey``).
    public var key: String {
        [issuer, clientID, contextID, lineItem.map { "line_item:" + $0 } ?? "resource_link:" + (resourceLinkID ?? "")].joined(separator: "\n")
    }

    /// The keys of the matches that would watch `event`: its line item's, then its resource link's.
    public static func keys(watching event: OutcomeEvent) -> [String] {
        var keys: [String] = []
        let platform = event.platform
        if let lineItem = event.lineItemURL {
            keys.append(Self(issuer: platform.issuer, clientID: platform.clientID, contextID: event.contextID, lineItem: lineItem).key)
        }
        if let link = event.resourceLinkID {
            keys.append(Self(issuer: platform.issuer, clientID: platform.clientID, contextID: event.contextID, resourceLinkID: link).key)
        }
        return keys
    }
}
