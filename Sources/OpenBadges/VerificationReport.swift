import Foundation
public import Primitives

/// What ``BadgeVerifier`` found: every check it knows, each passed, failed or skipped with a
/// reason, and the overall result.
///
/// Details never contain a recipient identity or its hash, only whether it matched.
public struct VerificationReport: Sendable {
    /// The overall result.
    public enum Result: String, Sendable, CaseIterable {
        /// Every required check passed and the assertion is neither revoked nor expired.
        case valid
        /// A check failed (signature, key, documents, origin, recipient, ...).
        case invalid
        /// The issuer revoked the assertion (and nothing else failed).
        case revoked
        /// The assertion expired (and nothing else failed).
        case expired
    }

    /// One named check.
    public struct Check: Hashable, Sendable {
        /// Whether the check held.
        public enum Status: String, Hashable, Sendable {
            /// The check ran and held.
            case passed
            /// The check ran and did not hold.
            case failed
            /// The check does not apply, or could not run because an earlier one failed.
            case skipped
        }

        /// Which check.
        public var name: Name
        /// Its status.
        public var status: Status
        /// Why, in one sentence.
        public var detail: String

        /// Creates a check result.
        public init(_ name: Name, _ status: Status, _ detail: String) {
            self.name = name
            self.status = status
            self.detail = detail
        }
    }

    /// The name of a check; the report lists them in ``all`` order.
    public struct Name: Hashable, Sendable, CustomStringConvertible {
        /// The stable name, as printed and in JSON.
        public let description: String
        private init(_ description: String) { self.description = description }

        /// The input form: URL, compact JWS, assertion JSON, or a baked PNG/SVG and what it held.
        public static let input = Name("input")
        /// The assertion document has `@context`, `type` Assertion and the required fields.
        public static let assertion = Name("assertion")
        /// Hosted: the assertion's `id` URL serves the same assertion.
        public static let hosted = Name("hosted")
        /// Hosted: the `id` is within the issuer's verification policy (`allowedOrigins`, `startsWith`).
        public static let origin = Name("origin")
        /// Signed: the JWS header's `alg` is RS256 (`none` and `HS*` are refused).
        public static let algorithm = Name("algorithm")
        /// Signed: `verification.creator` is a CryptographicKey with an RSA `publicKeyPem`.
        public static let key = Name("key")
        /// Signed: the RS256 signature verifies with that key.
        public static let signature = Name("signature")
        /// Signed: the key's `owner` is the issuer and the issuer's `publicKey` lists the key, or
        /// the key is an older one the issuer still publishes on its own origin (after a rotation;
        /// the detail says so).
        public static let keyOwner = Name("key-owner")
        /// The BadgeClass is available and has its required fields.
        public static let badgeClass = Name("badge-class")
        /// The Issuer profile is available and has its required fields.
        public static let issuer = Name("issuer")
        /// `issuedOn` (and `expires`, if set) are timestamps with a timezone, `issuedOn` is not in
        /// the future, and `expires` is after it.
        public static let dates = Name("dates")
        /// `expires`, if set, is not in the past.
        public static let expiry = Name("expiry")
        /// Not revoked: no `revoked: true`, no 410, not in the issuer's RevocationList.
        public static let revocation = Name("revocation")
        /// The recipient identity given by the user matches the assertion's recipient.
        public static let recipient = Name("recipient")

        /// Every check, in report order.
        public static let all: [Name] = [
            .input, .assertion, .hosted, .origin, .algorithm, .key, .signature, .keyOwner, .badgeClass, .issuer, .dates, .expiry,
            .revocation, .recipient,
        ]
    }

    /// How the assertion is verified.
    public enum Method: String, Sendable {
        /// `HostedBadge`: fetched from its `id` URL.
        case hosted
        /// `SignedBadge`: a compact JWS.
        case signed
    }

    /// Every check in ``Name/all`` order; a check that never ran is skipped with a reason.
    public let checks: [Check]
    /// The verification method, once known.
    public let method: Method?
    /// The assertion's `id`, once known.
    public let assertionID: String?
    /// What the assertion is (BadgeClass, issuer, dates), once its BadgeClass and Issuer checks
    /// passed; whether it may be trusted is ``result``.
    public let credential: VerifiedCredential?

    /// Creates a report; checks are put in ``Name/all`` order and missing ones are skipped.
    public init(checks: [Check], method: Method?, assertionID: String?, credential: VerifiedCredential? = nil) {
        let byName = Dictionary(checks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let firstFailure = checks.first { $0.status == .failed }
        let notApplicable: (names: Set<Name>, reason: String)? =
            switch method {
            case .signed: ([.hosted, .origin], "not applicable to a signed assertion")
            case .hosted: ([.algorithm, .key, .signature, .keyOwner], "not applicable to a hosted assertion")
            case nil: nil
            }
        self.checks = Name.all.map { name in
            if let check = byName[name] { return check }
            if let notApplicable, notApplicable.names.contains(name) { return Check(name, .skipped, notApplicable.reason) }
            return Check(name, .skipped, firstFailure.map { "not checked: \($0.name) failed" } ?? "not applicable")
        }
        self.method = method
        self.assertionID = assertionID
        self.credential = credential
    }

    /// The check named `name`.
    public func check(_ name: Name) -> Check? {
        checks.first { $0.name == name }
    }

    /// The overall result: valid only when every check the method requires passed.
    public var result: Result {
        let required: [Name]
        switch method {
        case .hosted: required = [.input, .assertion, .hosted, .origin, .badgeClass, .issuer, .dates]
        case .signed: required = [.input, .assertion, .algorithm, .key, .signature, .keyOwner, .badgeClass, .issuer, .dates]
        case nil: return .invalid
        }
        let failed = Set(checks.filter { $0.status == .failed }.map(\.name))
        if !failed.subtracting([.revocation, .expiry]).isEmpty { return .invalid }
        // A hosted assertion whose URL answers 410 Gone is revoked even though nothing else could run.
        if failed.contains(.revocation) { return .revoked }
        guard required.allSatisfy({ check($0)?.status == .passed }) else { return .invalid }
        if failed.contains(.expiry) { return .expired }
        return .valid
    }

    /// One line per check (`PASS`/`FAIL`/`SKIP`, name, reason) and a last `result:` line.
    public var lines: [String] {
        let width = Name.all.map(\.description.count).max() ?? 0
        let labels: [Check.Status: String] = [.passed: "PASS", .failed: "FAIL", .skipped: "SKIP"]
        return checks.map { check in
            let name = check.name.description.padding(toLength: width, withPad: " ", startingAt: 0)
            return "\(labels[check.status] ?? "")  \(name)  \(check.detail)"
        } + ["result: \(result.rawValue)"]
    }

    /// The report as JSON: `result`, `method`, `assertion`, and `checks` with `name`, `status`, `detail`.
    public var jsonValue: JSONValue {
        var document: [String: JSONValue] = [
            "result": .string(result.rawValue),
            "checks": .array(
                checks.map { ["name": .string($0.name.description), "status": .string($0.status.rawValue), "detail": .string($0.detail)] }
            ),
        ]
        if let method { document["method"] = .string(method.rawValue) }
        if let assertionID { document["assertion"] = .string(assertionID) }
        return .object(document)
    }
}
