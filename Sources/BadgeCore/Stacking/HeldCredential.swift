public import Foundation

/// A credential the recipient holds, as stacking sees it: which component it is, what it carries,
/// whether it is still good, and how to point at it in the composite's evidence.
public struct HeldCredential: Hashable, Sendable {
    /// The assertion behind the credential, for the composite's evidence.
    public struct Reference: Hashable, Sendable {
        /// The assertion's id or URL.
        public var id: String
        /// The credential's name, such as "Data Ethics".
        public var name: String

        /// Creates a reference.
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// Why a held credential does not count toward a rule.
    public enum Exclusion: Hashable, Sendable {
        /// The rule does not accept external credentials.
        case externalNotAllowed
        /// The credential was revoked.
        case revoked
        /// The credential expired on this date.
        case expired(on: Date)
        /// The credential was issued before the rule's window.
        case outsideWindow(issuedOn: Date, months: Int)
        /// The credential's issuer is not on the rule's list.
        case issuerNotAllowed(String)
    }

    /// The component the credential is (its badge class, or its external id).
    public var component: StackingRule.Component
    /// The EC the credential carries.
    public var ects: Double?
    /// When it was issued.
    public var issuedOn: Date
    /// When it expires, if ever.
    public var expires: Date?
    /// Whether it was revoked.
    public var isRevoked: Bool
    /// Its issuer: a badged issuer UUID, or an external issuer's URL.
    public var issuer: String
    /// The assertion, for evidence.
    public var assertion: Reference

    /// Creates a held credential.
    public init(
        component: StackingRule.Component,
        ects: Double?,
        issuedOn: Date,
        expires: Date? = nil,
        isRevoked: Bool = false,
        issuer: String,
        assertion: Reference
    ) {
        self.component = component
        self.ects = ects
        self.issuedOn = issuedOn
        self.expires = expires
        self.isRevoked = isRevoked
        self.issuer = issuer
        self.assertion = assertion
    }

    /// The held credential of a badged assertion of a badge class.
    /// - Parameters:
    ///   - assertion: the assertion the recipient holds.
    ///   - badgeClass: its badge class (for the name and EC).
    ///   - reference: the assertion's public URL (or id) for evidence.
    public init(assertion: Assertion, badgeClass: BadgeClass, reference: String) {
        self.init(
            component: .badgeClass(assertion.badgeClassID),
            ects: badgeClass.ects,
            issuedOn: assertion.issuedOn,
            expires: assertion.expires,
            isRevoked: assertion.isRevoked,
            issuer: assertion.issuerID.uuidString.lowercased(),
            assertion: Reference(id: reference, name: badgeClass.name.preferred("en"))
        )
    }

    /// The held credential of a badged assertion read for stacking.
    /// - Parameters:
    ///   - held: the assertion the recipient holds.
    ///   - badgeClass: its badge class (for the name and EC).
    ///   - issuer: the assertion's issuer id as lower-case text (callers keep them formatted).
    ///   - reference: the assertion's public URL (or id) for evidence.
    public init(held: HeldAssertion, badgeClass: BadgeClass, issuer: String, reference: String) {
        self.init(
            component: .badgeClass(held.badgeClassID),
            ects: badgeClass.ects,
            issuedOn: held.issuedOn,
            expires: held.expires,
            isRevoked: held.isRevoked,
            issuer: issuer,
            assertion: Reference(id: reference, name: badgeClass.name.preferred("en"))
        )
    }

    /// Why the credential does not count toward `rule` at `now`, or nil when it counts.
    public func exclusion(under rule: StackingRule, at now: Date) -> Exclusion? {
        if component.isExternal, !rule.allowExternal { return .externalNotAllowed }
        if rule.requireUnrevoked {
            if isRevoked { return .revoked }
            if let expires, expires <= now { return .expired(on: expires) }
        }
        if let issuers = rule.issuers, !issuers.contains(where: { Self.sameIssuer($0, issuer) }) {
            return .issuerNotAllowed(issuer)
        }
        if let months = rule.withinMonths, issuedOn < StackingFormat.date(months: months, before: now) {
            return .outsideWindow(issuedOn: issuedOn, months: months)
        }
        return nil
    }

    /// Issuer ids compare as UUIDs when both are UUIDs (any case), else exactly.
    static func sameIssuer(_ lhs: String, _ rhs: String) -> Bool {
        if let left = UUID(uuidString: lhs), let right = UUID(uuidString: rhs) { return left == right }
        return lhs == rhs
    }
}
