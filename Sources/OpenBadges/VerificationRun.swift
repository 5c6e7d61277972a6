import Foundation
import Primitives

/// The state of one verification: checks so far, fetched documents, and what is known.
struct VerificationRun {
    var checks: [VerificationReport.Check] = []
    var fetched: [String: FetchedDocument] = [:]
    var fetchCount = 0
    var method: VerificationReport.Method?
    var assertionID: String?
    /// The compact JWS of a signed assertion.
    var jws: String?
    /// The verified signing key: its id (the creator URL) and document.
    var key: (id: String, document: JSONValue)?
    /// The hosted assertion URL answered 410 Gone.
    var gone = false
    /// The BadgeClass and Issuer profile, once their checks passed.
    var badgeClass: JSONValue?
    var issuer: JSONValue?
    /// What the assertion is, once its BadgeClass and Issuer are known.
    var credential: VerifiedCredential?

    // Details quote fetched documents and URLs: keep them printable and bounded.
    mutating func pass(_ name: VerificationReport.Name, _ detail: String) { checks.append(.init(name, .passed, Printable.text(detail, limit: 400))) }
    mutating func fail(_ name: VerificationReport.Name, _ detail: String) { checks.append(.init(name, .failed, Printable.text(detail, limit: 400))) }
    mutating func skip(_ name: VerificationReport.Name, _ detail: String) { checks.append(.init(name, .skipped, Printable.text(detail, limit: 400))) }
}
