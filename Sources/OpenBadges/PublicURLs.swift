public import Foundation

/// The public URL scheme of badged's Open Badges documents, all under one base URL
/// (configuration key `public.base_url`, such as `http://127.0.0.1:8080`).
///
/// | document | path |
/// |---|---|
/// | Issuer profile | `/public/issuers/{issuer id}` |
/// | RevocationList | `/public/issuers/{issuer id}/revocations` |
/// | BadgeClass | `/public/badge-classes/{badge class id}` |
/// | default badge image (SVG) | `/public/badge-classes/{badge class id}/image` |
/// | Assertion (hosted JSON; also the `id` of signed ones) | `/public/assertions/{assertion id}` |
/// | signed Assertion (compact JWS, text/plain) | `/public/assertions/{assertion id}.jws` |
/// | baked badge image (PNG or SVG) | `/public/assertions/{assertion id}/image` |
/// | CryptographicKey | `/public/keys/{key id}` |
/// | extension context / schema | `/public/extensions/{Name}/context.json`, `/public/extensions/{Name}/schema.json` |
///
/// Entity ids are lower-case UUIDs; key ids are at most 64 of `A-Z a-z 0-9 . _ -`.
public struct PublicURLs: Hashable, Sendable {
    /// The base URL without a trailing slash.
    public let baseURL: String

    /// Creates the scheme for a base URL.
    /// - Parameter baseURL: an absolute http(s) URL with no query or fragment; a trailing slash is dropped.
    /// - Throws: ``OpenBadgesError`` `.invalidInput` for anything else.
    public init(baseURL: String) throws(OpenBadgesError) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        guard base.count <= 512, let components = URLComponents(string: base),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty, components.query == nil, components.fragment == nil
        else { throw OpenBadgesError(.invalidInput, "public.base_url must be an absolute http(s) URL without query or fragment") }
        self.baseURL = base
    }

    /// The Issuer profile.
    public func issuer(_ id: UUID) -> String { "\(baseURL)/public/issuers/\(Self.segment(id))" }
    /// The issuer's RevocationList.
    public func revocationList(issuer id: UUID) -> String { issuer(id) + "/revocations" }
    /// The BadgeClass.
    public func badgeClass(_ id: UUID) -> String { "\(baseURL)/public/badge-classes/\(Self.segment(id))" }
    /// The generated badge image, used when a class has no image of its own.
    public func badgeClassImage(_ id: UUID) -> String { badgeClass(id) + "/image" }
    /// The Assertion: the hosted document, and the `id` of signed assertions too.
    public func assertion(_ id: UUID) -> String { "\(baseURL)/public/assertions/\(Self.segment(id))" }
    /// The id of this daemon's assertion that `url` names (its hosted document URL), if any.
    public func assertionID(named url: String) -> UUID? {
        let prefix = "\(baseURL)/public/assertions/"
        guard url.hasPrefix(prefix) else { return nil }
        let rest = url.dropFirst(prefix.count)
        guard rest.count == 36, let id = UUID(uuidString: String(rest)) else { return nil }
        return assertion(id) == url ? id : nil
    }
    /// The compact JWS of a signed assertion.
    public func signedAssertion(_ id: UUID) -> String { assertion(id) + ".jws" }
    /// The baked badge image of an assertion.
    public func bakedImage(_ id: UUID) -> String { assertion(id) + "/image" }
    /// The CryptographicKey document of a signing key.
    public func key(_ id: String) -> String { "\(baseURL)/public/keys/\(id)" }
    /// The JSON-LD context of an edubadges extension.
    public func extensionContext(_ ext: EdubadgesExtension) -> String { "\(baseURL)/public/extensions/\(ext.name)/context.json" }
    /// The JSON schema of an edubadges extension.
    public func extensionSchema(_ ext: EdubadgesExtension) -> String { "\(baseURL)/public/extensions/\(ext.name)/schema.json" }

    /// Whether `id` may be a key id: 1 to 64 of `A-Z a-z 0-9 . _ -`, not starting with a dot.
    public static func isValidKeyID(_ id: String) -> Bool {
        (1...64).contains(id.count) && !id.hasPrefix(".")
            && id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
    }

    private static func segment(_ id: UUID) -> String { id.uuidString.lowercased() }
}
