public import BadgeCore
public import Foundation

/// Everything the exporter needs to describe one awarded badge as an EDCI credential.
///
/// Built from BadgeCore values by the caller (the server looks up the assertion, its badge
/// class, issuer and institution); the exporter does no I/O.
public struct EDCICredentialInput: Sendable, Hashable {
    /// One awarded badge: the badge class plus the facts of its award.
    public struct Achievement: Sendable, Hashable {
        /// What was earned.
        public var badgeClass: BadgeClass
        /// The badge class's public URL or URN, written as the specification's identifier.
        public var badgeClassID: String?
        /// The assertion's id: its public URL, or a `urn:uuid:` URN.
        public var assertionID: String
        /// When the badge was awarded.
        public var issuedOn: Date
        /// The grade, as the LMS reported it ("8.5", "excellent", "80%").
        public var grade: String?

        /// Creates an achievement.
        public init(badgeClass: BadgeClass, badgeClassID: String? = nil, assertionID: String, issuedOn: Date, grade: String? = nil) {
            self.badgeClass = badgeClass
            self.badgeClassID = badgeClassID
            self.assertionID = assertionID
            self.issuedOn = issuedOn
            self.grade = grade
        }
    }

    /// The person who earned the credential.
    public struct Learner: Sendable, Hashable {
        /// A stable identifier: an eduID pseudonym URN, a URL, or an e-mail address.
        public var identifier: String
        /// What kind of identifier it is, such as `eduID` or `email`.
        public var identifierScheme: String?
        /// Given names, if known.
        public var givenNames: String?
        /// Family name, if known.
        public var familyName: String?
        /// An e-mail address, if it may appear on the credential.
        public var email: String?

        /// Creates a learner.
        public init(identifier: String, identifierScheme: String? = nil, givenNames: String? = nil, familyName: String? = nil, email: String? = nil) {
            self.identifier = identifier
            self.identifierScheme = identifierScheme
            self.givenNames = givenNames
            self.familyName = familyName
            self.email = email
        }

        /// The full name when any part of it is known.
        public var fullName: String? {
            let parts = [givenNames, familyName].compactMap { $0?.trimmed }.filter { !$0.isEmpty }
            return parts.isEmpty ? nil : parts.joined(separator: " ")
        }
    }

    /// The institution at the root of the issuer hierarchy.
    public var institution: Institution
    /// The issuer (organisational unit) awarding the credential.
    public var issuer: Issuer
    /// The learner.
    public var learner: Learner
    /// The awarded badge; its assertion id becomes the credential id.
    public var achievement: Achievement
    /// For a composite credential, the component badges it was stacked from (written as `hasPart`).
    public var components: [Achievement]
    /// When the credential stops being valid, if ever.
    public var expires: Date?

    /// Creates an input.
    public init(
        institution: Institution,
        issuer: Issuer,
        learner: Learner,
        achievement: Achievement,
        components: [Achievement] = [],
        expires: Date? = nil
    ) {
        self.institution = institution
        self.issuer = issuer
        self.learner = learner
        self.achievement = achievement
        self.components = components
        self.expires = expires
    }
}
