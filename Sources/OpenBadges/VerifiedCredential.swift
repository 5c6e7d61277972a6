public import Foundation
import Primitives

/// What a verified assertion says it is, for callers that keep external credentials: its
/// BadgeClass (id, name, EC), issuer and dates. It never holds the recipient.
public struct VerifiedCredential: Hashable, Sendable {
    /// The assertion's `id`.
    public var assertionID: String
    /// The BadgeClass `id` (a URL for a hosted or linked BadgeClass).
    public var badgeClassID: String
    /// The BadgeClass `name`.
    public var name: String
    /// The EC of the BadgeClass's edubadges `extensions:ECTSExtension`, if it has one.
    public var ects: Double?
    /// The Issuer profile's `id`.
    public var issuerID: String
    /// The Issuer profile's `name` (empty when it has none).
    public var issuerName: String
    /// The assertion's `issuedOn`.
    public var issuedOn: Date
    /// The assertion's `expires`, if set.
    public var expires: Date?
    /// Whether the assertion publishes its recipient hashed (`recipient.hashed: true`); when
    /// not, the assertion's text holds the identity in the clear and is not to be kept.
    public var isRecipientHashed: Bool

    /// Creates a verified credential.
    public init(
        assertionID: String,
        badgeClassID: String,
        name: String,
        ects: Double?,
        issuerID: String,
        issuerName: String = "",
        issuedOn: Date,
        expires: Date?,
        isRecipientHashed: Bool
    ) {
        self.assertionID = assertionID
        self.badgeClassID = badgeClassID
        self.name = name
        self.ects = ects
        self.issuerID = issuerID
        self.issuerName = issuerName
        self.issuedOn = issuedOn
        self.expires = expires
        self.isRecipientHashed = isRecipientHashed
    }

    /// Reads what a verified assertion is from its documents; nil without an `id`, a BadgeClass
    /// `id` and `name`, an Issuer `id` or a parseable `issuedOn`.
    init?(assertion: JSONValue, badgeClass: JSONValue, issuer: JSONValue) {
        guard let assertionID = assertion["id"]?.stringValue, let badgeClassID = badgeClass["id"]?.stringValue,
            let name = badgeClass["name"]?.stringValue, let issuerID = issuer["id"]?.stringValue,
            let issuedOn = assertion["issuedOn"].flatMap(OpenBadgesDate.parse)
        else { return nil }
        let extensionValue = badgeClass[EdubadgesExtension.ects.typeIRI]?[EdubadgesExtension.ects.key]
        let ects: Double? =
            switch extensionValue {
            case .int(let value)?: Double(value)
            case .double(let value)? where value.isFinite && value >= 0: value
            case .string(let text)?: Double(text).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
            default: nil
            }
        self.init(
            assertionID: assertionID,
            badgeClassID: badgeClassID,
            name: name,
            ects: ects.flatMap { $0 >= 0 ? $0 : nil },
            issuerID: issuerID,
            issuerName: issuer["name"]?.stringValue ?? "",
            issuedOn: issuedOn,
            expires: assertion["expires"].flatMap(OpenBadgesDate.parse),
            isRecipientHashed: assertion["recipient"]?["hashed"] == .bool(true)
        )
    }
}
