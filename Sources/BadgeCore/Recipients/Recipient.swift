import Foundation

/// The person an assertion is awarded to, with their identifier in the clear.
///
/// The plain identity is private data: it is stored for matching and hashing, and never
/// published. Public documents carry a ``HashedRecipient`` instead.
public struct Recipient: Codable, Hashable, Sendable {
    /// The kind of identifier, as Open Badges `recipient.type`.
    ///
    /// Generic verifiers match only `email`, `url` and `telephone`; edubadges uses `id`
    /// with the eduID pseudonym.
    public enum IdentityType: String, Codable, Hashable, Sendable, CaseIterable {
        /// An e-mail address, compared case-insensitively.
        case email
        /// A URL, such as a profile page.
        case url
        /// A telephone number in E.164 form, such as `+31201234567`.
        case telephone
        /// Any other IRI, such as an eduID pseudonym.
        case id
    }

    /// The kind of identifier.
    public var type: IdentityType
    /// The identifier in the clear; never published.
    public var identity: String

    /// Creates a recipient.
    public init(type: IdentityType, identity: String) {
        self.type = type
        self.identity = identity
    }

    /// The identity in the one form that is hashed: trimmed; e-mail addresses lower-cased;
    /// telephone numbers without spaces, dashes, dots and brackets.
    public var normalizedIdentity: String {
        // Most identities start and end in visible ASCII and need no trimming; the Foundation
        // trim (through NSString) runs only when an end byte could be whitespace.
        let isVisibleASCII = { (byte: UInt8?) in byte.map { (0x21...0x7E).contains($0) } ?? true }
        let trimmed =
            isVisibleASCII(identity.utf8.first) && isVisibleASCII(identity.utf8.last)
            ? identity : identity.trimmingCharacters(in: .whitespacesAndNewlines)
        switch type {
        case .email:
            return trimmed.lowercased()
        case .telephone:
            return String(trimmed.filter { !" -.()".contains($0) })
        case .url, .id:
            return trimmed
        }
    }

    /// Throws unless the identity is plausible for its type and at most 512 characters long.
    public func validate() throws(BadgeCoreError) {
        let value = normalizedIdentity
        guard !value.isEmpty, value.count <= 512 else {
            throw .invalid("recipient.identity", "recipient.identity must be 1 to 512 characters")
        }
        switch type {
        case .email:
            try Validation.requireEmail(value, field: "recipient.identity")
        case .url:
            try Validation.requireWebURL(value, field: "recipient.identity")
        case .telephone:
            let digits = value.dropFirst(value.hasPrefix("+") ? 1 : 0)
            guard (2...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw .invalid("recipient.identity", "a telephone identity must be an E.164 number such as +31201234567")
            }
        case .id:
            guard !value.contains(where: \.isWhitespace) else {
                throw .invalid("recipient.identity", "an id identity must not contain white space")
            }
        }
    }
}

extension Recipient {
    /// Reads a recipient written `type:identity` (`email:ada@example.org`, `id:urn:eduid:4242`),
    /// as the CLI and the API's filters take it, and checks it.
    /// - Throws: ``BadgeCoreError`` `.validation` naming `recipient`.
    public init(typedIdentity text: String) throws(BadgeCoreError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let type = IdentityType(rawValue: parts[0]) else {
            throw .invalid("recipient", "give the recipient as TYPE:IDENTITY with TYPE email, url, telephone or id, such as email:ada@example.org")
        }
        self.init(type: type, identity: parts[1])
        try validate()
    }
}
