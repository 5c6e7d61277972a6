public import Foundation

/// A credential from elsewhere on a recipient's record, verified when it was added: an Open
/// Badges 2.0 assertion, which counts toward stacking rules that allow external credentials as
/// the component ``StackingRule/Component/external(_:)`` of its BadgeClass id, or a stored
/// Europass EDCI import with a verified signature, which counts as the component of its
/// achievement's specification id (the achievement's own id when it has no specification).
///
/// It is kept by recipient key only; the identity the assertion was matched against is not stored.
public struct ExternalCredential: Hashable, Sendable {
    /// What kind of credential it is.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// An Open Badges 2.0 assertion.
        case ob2
        /// A stored EDCI import (a Europass credential), signed and verified.
        case edci
    }

    /// What verification found when the credential was added or last checked.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        /// Every check passed.
        case valid
        /// The issuer revoked it.
        case revoked
        /// It expired.
        case expired
    }

    /// The longest component id, assertion id and issuer id (URLs).
    public static let maximumIDLength = 2_048
    /// The longest stored name; longer ones are cut.
    public static let maximumNameLength = 512
    /// The longest source: an assertion URL or a compact JWS.
    public static let maximumSourceLength = 64 << 10
    /// The most external credentials one recipient holds.
    public static let maximumPerRecipient = 200

    /// The record's id on this badged.
    public var id: UUID
    /// The recipient key (the hash ``Recipient`` keys are stored by), never the identity.
    public var recipientKey: String
    /// The kind.
    public var kind: Kind
    /// The stacking component id: the OB 2.0 BadgeClass id URL, or the EDCI achievement's
    /// specification id (else the achievement id).
    public var componentID: String
    /// The assertion's id (its URL, or the `urn:uuid:` of a signed one), or the EDCI credential's
    /// `cred:id`; one per recipient.
    public var assertionID: String
    /// The BadgeClass's (or EDCI achievement's) name.
    public var name: String
    /// The EC of the BadgeClass's edubadges ECTS extension, or the EDCI specification's
    /// `hasECTSCreditPoints`, if any.
    public var ects: Double?
    /// When it was issued.
    public var issuedOn: Date
    /// When it expires, if ever.
    public var expires: Date?
    /// The issuer profile's id URL, or the EDCI issuing organisation's homepage (else its id).
    public var issuerID: String
    /// The issuer's name as its profile gave it when the credential was added (nil when it was
    /// added before badged kept it, or for an EDCI import).
    public var issuerName: String?
    /// Where it came from: the hosted assertion URL or the compact JWS (kept only when it
    /// publishes its recipient hashed; else the assertion id), or `edci-import:<import id>`.
    public var source: String
    /// When it was verified.
    public var verifiedAt: Date
    /// What verification found.
    public var status: Status

    /// Creates an external credential.
    public init(
        id: UUID,
        recipientKey: String,
        kind: Kind = .ob2,
        componentID: String,
        assertionID: String,
        name: String,
        ects: Double?,
        issuedOn: Date,
        expires: Date?,
        issuerID: String,
        issuerName: String? = nil,
        source: String,
        verifiedAt: Date,
        status: Status
    ) {
        self.id = id
        self.recipientKey = recipientKey
        self.kind = kind
        self.componentID = componentID
        self.assertionID = assertionID
        self.name = name
        self.ects = ects
        self.issuedOn = issuedOn
        self.expires = expires
        self.issuerID = issuerID
        self.issuerName = issuerName
        self.source = source
        self.verifiedAt = verifiedAt
        self.status = status
    }

    /// The source of a credential added from the stored EDCI import `importID`.
    public static func edciSource(importID: UUID) -> String {
        "edci-import:" + importID.uuidString.lowercased()
    }

    /// The stacking component it is.
    public var component: StackingRule.Component { .external(componentID) }

    /// The credential as stacking sees it: its component, EC, dates, issuer, and its assertion
    /// (id and name) for the composite's evidence.
    public var held: HeldCredential {
        HeldCredential(
            component: component,
            ects: ects,
            issuedOn: issuedOn,
            expires: expires,
            isRevoked: status == .revoked,
            issuer: issuerID,
            assertion: HeldCredential.Reference(id: assertionID, name: name)
        )
    }

    /// Throws unless every field is within its bound.
    /// - Throws: ``BadgeCoreError`` `.validation` naming the field.
    public func validate() throws(BadgeCoreError) {
        for (field, value) in [("component_id", componentID), ("assertion_id", assertionID), ("issuer_id", issuerID)] {
            guard !value.isEmpty, value.count <= Self.maximumIDLength else {
                throw .invalid(field, "the \(field.replacingOccurrences(of: "_", with: " ")) must be 1 to \(Self.maximumIDLength) characters")
            }
        }
        guard source.utf8.count <= Self.maximumSourceLength else {
            throw .invalid("source", "the assertion is larger than \(Self.maximumSourceLength) bytes")
        }
        guard name.count <= Self.maximumNameLength else { throw .invalid("name", "the name is longer than \(Self.maximumNameLength) characters") }
        if let issuerName, issuerName.count > Self.maximumNameLength {
            throw .invalid("issuer_name", "the issuer's name is longer than \(Self.maximumNameLength) characters")
        }
        if let ects, !ects.isFinite || ects < 0 { throw .invalid("ects", "the EC must be a non-negative number") }
    }
}
