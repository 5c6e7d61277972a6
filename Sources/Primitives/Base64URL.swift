import ExtrasBase64
public import Foundation

/// Unpadded base64url (RFC 4648 §5), as JOSE, JWS and API tokens use it.
public enum Base64URL {
    /// The unpadded base64url text of `bytes`.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        Base64.encodeToString(bytes: bytes, options: [.base64UrlAlphabet, .omitPaddingCharacter])
    }

    /// The bytes of unpadded (or padded) base64url text; nil for anything else, including the
    /// standard alphabet's `+` and `/`.
    public static func decode(_ text: some StringProtocol) -> Data? {
        guard let bytes = try? Base64.decode(string: String(text), options: [.base64UrlAlphabet, .omitPaddingCharacter]) else { return nil }
        return Data(bytes)
    }
}
