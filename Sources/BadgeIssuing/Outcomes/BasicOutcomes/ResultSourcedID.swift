public import Crypto
public import Foundation
import Primitives

/// The `lis_result_sourcedid` values badged hands out for LTI 1.1 outcomes: opaque to the grade
/// source, naming one rule (course and item) and one platform user, and tamper-evident (an
/// HMAC-SHA256 under a key derived from badged's key-encryption secret).
///
/// Form: `v1.<rule id>.<base64url(user id)>.<base64url(mac)>`.
public struct ResultSourcedID: Hashable, Sendable {
    /// The rule the result belongs to.
    public let ruleID: UUID
    /// The platform user (`sub`).
    public let userID: String

    /// The longest sourcedid accepted.
    public static let maximumLength = 1_500

    /// Names a result.
    public init(ruleID: UUID, userID: String) {
        self.ruleID = ruleID
        self.userID = userID
    }

    /// The sourcedid text.
    public func encoded(key: SymmetricKey) -> String {
        let payload = "v1.\(ruleID.uuidString.lowercased()).\(Base64URL.encode(Data(userID.utf8)))"
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)
        return payload + "." + Base64URL.encode(Data(mac))
    }

    /// Reads a sourcedid badged handed out; nil when it is malformed or was altered.
    public init?(decoding text: String, key: SymmetricKey) {
        guard text.utf8.count <= Self.maximumLength else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v1", let mac = Base64URL.decode(parts[3]) else { return nil }
        let payload = parts[0...2].joined(separator: ".")
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(payload.utf8), using: key),
            let ruleID = UUID(uuidString: String(parts[1])), let user = Base64URL.decode(parts[2]), let userID = String(data: user, encoding: .utf8)
        else { return nil }
        self.init(ruleID: ruleID, userID: userID)
    }
}
