public import BadgeCore
public import Foundation
import Primitives

/// Reads an edubadges Open Badges 2.0 assertion (badged's own, or another edubadges issuer's)
/// back into BadgeCore values, for offline conversion (`badged convert --to edci`).
///
/// The input is an Assertion whose `badge` embeds the BadgeClass and whose BadgeClass embeds
/// the Issuer, or an object `{"assertion": …, "badge": …, "issuer": …}` holding all three.
/// Nothing is fetched. What BadgeCore has no place for is reported as a ``Diagnostic`` with
/// its JSON path, never dropped silently.
public struct EdubadgesReader: Sendable {
    /// A field that was not carried over.
    public struct Diagnostic: Sendable, Hashable {
        /// The JSON path, such as `badge.alignment[0]`.
        public let path: String
        /// Why it was not carried over.
        public let message: String
    }

    /// What an assertion document says, in BadgeCore terms.
    public struct Credential: Sendable {
        /// The assertion's `id` (its URL or URN).
        public var assertionID: String
        /// The BadgeClass's `id`.
        public var badgeClassID: String
        /// The Issuer's `id`.
        public var issuerID: String
        /// When it was issued.
        public var issuedOn: Date
        /// When it expires, if ever.
        public var expires: Date?
        /// The recipient as published (hashed, or plain when the issuer published it so).
        public var recipient: HashedRecipient
        /// The institution, from the issuer's institution extensions.
        public var institution: Institution
        /// The issuer.
        public var issuer: Issuer
        /// The badge class (its `issuerID` is a placeholder; documents name issuers by URL).
        public var badgeClass: BadgeClass
        /// What was not carried over.
        public var diagnostics: [Diagnostic]
    }

    /// The largest document accepted.
    public static let maximumBytes = 1 << 20

    /// Creates a reader.
    public init() {}

    /// Reads an assertion document.
    /// - Throws: ``OpenBadgesError`` `.invalidInput` naming the path of a missing or malformed
    ///   required field, or a badge class or issuer given only by URL.
    public func read(_ data: Data) throws(OpenBadgesError) -> Credential {
        let root = try JSONValue.decode(data, maxBytes: Self.maximumBytes)
        var notes = DiagnosticList()
        let assertion: [String: JSONValue]
        let badge: [String: JSONValue]
        let issuer: [String: JSONValue]
        let paths: (badge: String, issuer: String)
        if let bundle = root.objectValue, let embedded = bundle["assertion"]?.objectValue {
            assertion = embedded
            badge = try Self.object(bundle["badge"] ?? embedded["badge"], path: "badge")
            issuer = try Self.object(bundle["issuer"] ?? badge["issuer"], path: "issuer")
            paths = ("badge", "issuer")
            notes.unmapped(bundle, known: ["assertion", "badge", "issuer"], path: "")
        } else if let object = root.objectValue {
            assertion = object
            badge = try Self.object(object["badge"], path: "badge")
            issuer = try Self.object(badge["issuer"], path: "badge.issuer")
            paths = ("badge", "badge.issuer")
        } else {
            throw OpenBadgesError(.invalidInput, "the document is not a JSON object")
        }
        let language = badge[EdubadgesExtension.language.typeIRI]?["Language"]?.stringValue ?? "en_EN"
        let institution = try InstitutionFields(issuer, language: language, path: paths.issuer, notes: &notes).institution
        let issuerValue = try IssuerFields(issuer, language: language, path: paths.issuer, notes: &notes).issuer
        let badgeClass = try BadgeClassFields(badge, language: language, path: paths.badge, notes: &notes).badgeClass
        let recipient = try Self.recipient(assertion["recipient"])
        guard let issuedOn = assertion["issuedOn"].flatMap(OpenBadgesDate.parse) else {
            throw OpenBadgesError(.invalidInput, "issuedOn: the assertion needs an ISO 8601 issue date")
        }
        notes.unmapped(assertion, known: ["@context", "type", "id", "badge", "recipient", "issuedOn", "expires", "verification"], path: "")
        return Credential(
            assertionID: try Self.string(assertion["id"], path: "id"),
            badgeClassID: try Self.string(badge["id"], path: "\(paths.badge).id"),
            issuerID: try Self.string(issuer["id"], path: "\(paths.issuer).id"),
            issuedOn: issuedOn,
            expires: assertion["expires"].flatMap(OpenBadgesDate.parse),
            recipient: recipient,
            institution: institution,
            issuer: issuerValue,
            badgeClass: badgeClass,
            diagnostics: notes.items
        )
    }

    static func object(_ value: JSONValue?, path: String) throws(OpenBadgesError) -> [String: JSONValue] {
        if let object = value?.objectValue { return object }
        if value?.stringValue != nil {
            throw OpenBadgesError(.invalidInput, "\(path): only a URL is given; offline conversion needs the document embedded")
        }
        throw OpenBadgesError(.invalidInput, "\(path): missing")
    }

    static func string(_ value: JSONValue?, path: String) throws(OpenBadgesError) -> String {
        guard let text = value?.stringValue, !text.isEmpty else { throw OpenBadgesError(.invalidInput, "\(path): a non-empty string is required") }
        return text
    }

    private static func recipient(_ value: JSONValue?) throws(OpenBadgesError) -> HashedRecipient {
        let node = try object(value, path: "recipient")
        let type = try string(node["type"], path: "recipient.type")
        guard let kind = Recipient.IdentityType(rawValue: type) else {
            throw OpenBadgesError(.invalidInput, "recipient.type: \(type) is not email, url, telephone or id")
        }
        return HashedRecipient(type: kind, identity: try string(node["identity"], path: "recipient.identity"), salt: node["salt"]?.stringValue ?? "")
    }
}

/// Collects diagnostics for fields that have no place in BadgeCore.
struct DiagnosticList {
    private(set) var items: [EdubadgesReader.Diagnostic] = []

    mutating func note(_ path: String, _ message: String) {
        items.append(.init(path: path, message: message))
    }

    /// Notes every key of `object` that is not in `known`, in sorted order.
    mutating func unmapped(_ object: [String: JSONValue], known: Set<String>, path: String) {
        for key in object.keys.sorted() where !known.contains(key) {
            note(path.isEmpty ? key : "\(path).\(key)", "has no place in the edubadges model; not carried over")
        }
    }
}
