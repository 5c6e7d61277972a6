public import Foundation

/// What the user hands ``BadgeVerifier``: text (a URL, a compact JWS, or assertion JSON), or the
/// bytes of a file (a baked PNG or SVG, or any of the text forms).
public enum VerificationInput: Sendable {
    /// A hosted assertion URL, a compact JWS, or assertion JSON.
    case text(String)
    /// File contents: a baked PNG or SVG, or UTF-8 text holding a URL, a JWS or JSON.
    case data(Data)
}
