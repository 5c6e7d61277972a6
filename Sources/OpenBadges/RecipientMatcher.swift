import BadgeCore
import Crypto
import Foundation
import Primitives

/// Matches an identity the user supplies against an assertion's `recipient`: plain, or hashed
/// as `sha256$`/`md5$` + hex(hash(identity + salt)).
///
/// The identity is tried as given (trimmed) and normalised for the recipient's type (e-mail
/// lower-cased, telephone punctuation removed), since issuers differ. The detail says which type
/// and hash matched, never the identity or the hash.
enum RecipientMatcher {
    /// Whether `identity` is the recipient, and a printable reason.
    static func match(_ identity: String, against recipient: JSONValue) -> (matched: Bool, detail: String) {
        guard let published = recipient["identity"]?.stringValue else { return (false, "the assertion has no recipient identity") }
        let typeName = recipient["type"]?.stringValue ?? "email"
        let type = Recipient.IdentityType(rawValue: typeName)
        let trimmed = identity.trimmingCharacters(in: .whitespacesAndNewlines)
        var candidates = [trimmed]
        if let type {
            let normalized = Recipient(type: type, identity: trimmed).normalizedIdentity
            if normalized != trimmed { candidates.append(normalized) }
        }
        let label = type.map(\.rawValue) ?? "\(Printable.text(typeName, limit: 32))"
        guard recipient["hashed"] == .bool(true) else {
            let matched = candidates.contains { type == .email ? $0.lowercased() == published.lowercased() : $0 == published }
            return (matched, "the given identity \(matched ? "matches" : "does not match") the \(label) recipient (not hashed)")
        }
        let salt = recipient["salt"]?.stringValue ?? ""
        let parts = published.split(separator: "$", maxSplits: 1)
        guard parts.count == 2 else { return (false, "the recipient hash is not of the form algorithm$hex") }
        let algorithm = parts[0].lowercased()
        let expected = parts[1].lowercased()
        let digest: (String) -> String
        switch algorithm {
        case "sha256": digest = { RecipientHasher.hex(Array(SHA256.hash(data: Data(($0 + salt).utf8)))) }
        case "md5": digest = { RecipientHasher.hex(Array(Insecure.MD5.hash(data: Data(($0 + salt).utf8)))) }
        default: return (false, "the recipient is hashed with an unsupported algorithm \(Printable.text(algorithm, limit: 16))")
        }
        let matched = candidates.contains { digest($0) == expected }
        let how = "\(algorithm)\(salt.isEmpty ? "" : ", salted")"
        return (matched, "the given identity \(matched ? "matches" : "does not match") the hashed \(label) recipient (\(how))")
    }
}
