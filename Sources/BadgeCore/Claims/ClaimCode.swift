public import Foundation

/// A code an organiser hands out (on paper, as a QR code) with which people claim a badge class
/// themselves, as Cities of Learning do: optionally limited to a number of uses and a date, and
/// optionally asking for evidence that a mentor or organiser reviews before the badge is issued.
///
/// The code's secret is never part of the value: it is shown once when made and stored only as
/// a digest (see ``ClaimCodeStore``).
public struct ClaimCode: Codable, Hashable, Sendable {
    /// The longest label.
    public static let maximumLabelLength = 200
    /// The most uses a code may allow.
    public static let maximumUses = 1_000_000

    /// The code's id (safe to show and log; not the secret).
    public let id: UUID
    /// The badge class it awards.
    public let badgeClassID: UUID
    /// The institution of the badge class (for scoping).
    public let institutionID: UUID
    /// A name for organisers to tell codes apart, such as "Open day 12 March".
    public var label: String?
    /// How many claims it takes at most; nil for no limit.
    public var maxUses: Int?
    /// When it stops working; nil for never.
    public var expiresAt: Date?
    /// Whether a claim must carry evidence, which then waits for review.
    public var requiresEvidence: Bool
    /// How many claims it took: issued, and waiting for review (a denied claim gives its use back).
    public var uses: Int
    /// When it was made.
    public let createdAt: Date
    /// When an organiser disabled it; nil while it works.
    public var disabledAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, label, uses
        case badgeClassID = "badge_class_id"
        case institutionID = "institution_id"
        case maxUses = "max_uses"
        case expiresAt = "expires_at"
        case requiresEvidence = "requires_evidence"
        case createdAt = "created_at"
        case disabledAt = "disabled_at"
    }

    /// Creates a code's description.
    public init(
        id: UUID,
        badgeClassID: UUID,
        institutionID: UUID,
        label: String? = nil,
        maxUses: Int? = nil,
        expiresAt: Date? = nil,
        requiresEvidence: Bool = false,
        uses: Int = 0,
        createdAt: Date,
        disabledAt: Date? = nil
    ) {
        self.id = id
        self.badgeClassID = badgeClassID
        self.institutionID = institutionID
        self.label = label
        self.maxUses = maxUses
        self.expiresAt = expiresAt
        self.requiresEvidence = requiresEvidence
        self.uses = uses
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }

    /// Throws unless the code may be made now: a label of 1 to 200 characters when given, at
    /// least one and at most a million uses when limited, and an expiry in the future.
    public func validate(now: Date) throws(BadgeCoreError) {
        if let label { try Validation.requireText(label, field: "label", maxLength: Self.maximumLabelLength) }
        if let maxUses, !(1...Self.maximumUses).contains(maxUses) {
            throw .invalid("max_uses", "max_uses must be 1 to \(Self.maximumUses) when set (leave it out for no limit)")
        }
        if let expiresAt, expiresAt <= now {
            throw .invalid("expires_at", "expires_at must be in the future")
        }
    }

    /// Why the code takes no claim at `now`, or nil when it does.
    public func refusal(at now: Date) -> ClaimRefusal? {
        if disabledAt != nil { return .disabled }
        if let expiresAt, expiresAt <= now { return .expired }
        if let maxUses, uses >= maxUses { return .usedUp }
        return nil
    }
}
