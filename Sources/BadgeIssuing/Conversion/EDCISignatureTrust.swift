public import Foundation

/// Whether an EDCI signature's certificate chain reaches a trusted CA.
public struct EDCISignatureTrust: Encodable, Sendable, Hashable {
    /// The verdict.
    public enum Status: String, Encodable, Sendable, Hashable {
        /// The signer's chain reaches a CA in `edci.trusted_ca_dir`.
        case trusted
        /// It does not, or there is no valid signature to judge.
        case untrusted
        /// No `edci.trusted_ca_dir` is set.
        case notConfigured = "not_configured"
    }

    /// The verdict.
    public let status: Status
    /// Why, in words.
    public let reason: String

    init(_ status: Status, _ reason: String) {
        self.status = status
        self.reason = reason
    }
}
