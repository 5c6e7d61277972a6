public import BadgeCore
import Foundation
public import LTI
import Primitives

/// How a launch's user becomes a badge recipient: `lti.recipient_identity`, an ordered list of
/// `claim[:type]` entries of which the first claim present in the launch (and valid for its
/// type) wins.
///
/// Claims: `email`, `sub`, `lis_person_sourcedid` (the SIS id, often the eppn or student
/// number), `lti11_legacy_user_id` (Canvas), and `custom.<name>` (a custom parameter the LMS
/// administrator configures, such as `custom.eduid`). Types are those of ``Recipient/IdentityType``:
/// `email`, `url`, `telephone`, `id`; without one, `email` maps to `email` and the others to `id`.
public struct LTIRecipientMapping: Hashable, Sendable {
    /// One entry of the list.
    public struct Rule: Hashable, Sendable {
        /// The claim read, as written in the configuration (`email`, `custom.eduid`, …).
        public let claim: String
        /// The recipient type the value becomes.
        public let type: Recipient.IdentityType
    }

    /// The default: the launch's `email` claim.
    public static let defaultEntries = ["email"]
    /// The most entries accepted.
    static let maximumEntries = 16

    /// The rules in order.
    public let rules: [Rule]

    /// Parses the configured entries.
    /// - Throws: ``IssuingError`` `.configuration` naming `lti.recipient_identity` for an
    ///   unknown claim or type, an empty list or more than 16 entries.
    public init(entries: [String]) throws(IssuingError) {
        let entries = entries.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !entries.isEmpty, entries.count <= Self.maximumEntries else {
            throw IssuingError.configuration(
                "lti.recipient_identity",
                "must list 1 to \(Self.maximumEntries) claims, such as email,lis_person_sourcedid:id"
            )
        }
        var rules: [Rule] = []
        for entry in entries {
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            let claim = parts[0]
            let known = ["email", "sub", "lis_person_sourcedid", "lti11_legacy_user_id"].contains(claim)
            let custom = claim.hasPrefix("custom.") && claim.count > 7 && claim.count <= 100
            guard known || custom else {
                throw IssuingError.configuration(
                    "lti.recipient_identity",
                    "unknown claim \(claim.prefix(100)): use email, sub, lis_person_sourcedid, lti11_legacy_user_id or custom.<name>"
                )
            }
            let type: Recipient.IdentityType
            if parts.count == 2 {
                guard let parsed = Recipient.IdentityType(rawValue: parts[1]) else {
                    throw IssuingError.configuration(
                        "lti.recipient_identity",
                        "unknown recipient type \(parts[1].prefix(40)) for \(claim): use email, url, telephone or id"
                    )
                }
                type = parsed
            } else {
                type = claim == "email" ? .email : .id
            }
            rules.append(Rule(claim: claim, type: type))
        }
        self.rules = rules
    }

    /// The recipient for a launch: the first rule whose claim is present and valid for its type.
    /// - Returns: nil when the launch carries none of the mapped claims.
    public func recipient(for launch: LTILaunch) -> Recipient? {
        recipient(claims: { Self.value(of: $0, in: launch) })
    }

    /// The recipient for any source of claims (a launch, a Names and Roles member): the first
    /// rule whose claim `claims` knows and that is valid for its type.
    public func recipient(claims: (String) -> String?) -> Recipient? {
        for rule in rules {
            guard let value = claims(rule.claim), !value.isEmpty else { continue }
            let recipient = Recipient(type: rule.type, identity: value)
            if (try? recipient.validate()) != nil { return recipient }
        }
        return nil
    }

    /// The configured claims, for messages (`email, lis_person_sourcedid`).
    public var claimList: String { rules.map(\.claim).joined(separator: ", ") }

    static func value(of claim: String, in launch: LTILaunch) -> String? {
        switch claim {
        case "email": return launch.user.email
        case "sub": return launch.user.subject
        case "lis_person_sourcedid": return launch.user.personSourcedID
        case "lti11_legacy_user_id": return launch.extraClaims[LTIClaim.lti11LegacyUserID]?.stringValue
        default: return launch.custom[String(claim.dropFirst("custom.".count))]
        }
    }
}
