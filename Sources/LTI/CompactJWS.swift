import JWTKit
import Primitives

/// A compact JWS (`header.payload.signature`) split and decoded once: the header read and
/// checked at the start of a launch, the signature checked over the bytes as they arrived, the
/// payload's JSON read once after that.
///
/// (Before, the header was decoded twice, once here and once inside jwt-kit, and the token was
/// split by `Character`, which was ~2 % of a launch's CPU on its own.)
struct CompactJWS: Sendable {
    /// The key id the header names (RS256 checked).
    let kid: String
    /// The ASCII bytes the signature covers: `header.payload` as sent.
    let signingInput: [UInt8]
    /// The decoded signature.
    let signature: [UInt8]
    private let encodedPayload: ArraySlice<UInt8>

    /// Splits `token` and checks its JOSE header: RS256 only, a `kid` required.
    /// - Throws: ``LTIError`` `malformedToken` (not three base64url parts, header not a JSON
    ///   object, `alg` or `kid` not strings), `unsecuredToken`, `symmetricAlgorithm`,
    ///   `unsupportedAlgorithm` or `unknownKey` (no `kid`).
    init(_ token: String) throws {
        let bytes = Array(token.utf8)
        let dots = bytes.indices.filter { bytes[$0] == UInt8(ascii: ".") }
        guard dots.count == 2, let headerBytes = Self.decode(bytes[..<dots[0]]), let signature = Self.decode(bytes[(dots[1] + 1)...]),
            case .object(let header)? = JSONValue(parsing: headerBytes, maximumDepth: 16)
        else {
            throw LTIError(.malformedToken, "The id_token is not a compact JWS.")
        }
        self.kid = try Self.checkedKeyID(header)
        self.signingInput = Array(bytes[..<dots[1]])
        self.signature = signature
        self.encodedPayload = bytes[(dots[0] + 1)..<dots[1]]
    }

    /// The payload's claims, or nil when the payload is not base64url of a JSON object.
    func claims() -> [String: JSONValue]? {
        guard let payload = Self.decode(encodedPayload), case .object(let claims)? = JSONValue(parsing: payload) else { return nil }
        return claims
    }

    /// Whether `algorithm` (the platform key's RS256 verifier) signed ``signingInput``.
    /// - Throws: When the signature cannot be read as one of the key's signatures.
    func isSigned(by algorithm: some JWTAlgorithm) throws -> Bool {
        try algorithm.verify(signature, signs: signingInput)
    }

    private static func decode(_ part: ArraySlice<UInt8>) -> [UInt8]? {
        if part.isEmpty { return [] }
        return Base64URL.decode(String(decoding: part, as: UTF8.self)).map { Array($0) }
    }

    private static func checkedKeyID(_ header: [String: JSONValue]) throws -> String {
        let alg: String
        switch header["alg"] {
        case .string(let value): alg = value
        case nil, .null?: throw LTIError(.malformedToken, "The id_token header lacks alg.")
        default: throw LTIError(.malformedToken, "The id_token is not a compact JWS.")
        }
        switch alg.uppercased() {
        case "RS256": break
        case "NONE": throw LTIError(.unsecuredToken, "Unsigned id_tokens (alg none) are refused.")
        case let name where name.hasPrefix("HS"): throw LTIError(.symmetricAlgorithm, "HMAC-signed id_tokens (\(name)) are refused.")
        default: throw LTIError(.unsupportedAlgorithm, "Only RS256 id_tokens are accepted.")
        }
        guard alg == "RS256" else { throw LTIError(.unsupportedAlgorithm, "Only RS256 id_tokens are accepted.") }
        switch header["kid"] {
        case .string(let kid) where !kid.isEmpty && kid.utf8.count <= 256: return kid
        case nil, .null?, .string: throw LTIError(.unknownKey, "The id_token header names no key id.")
        default: throw LTIError(.malformedToken, "The id_token is not a compact JWS.")
        }
    }
}
