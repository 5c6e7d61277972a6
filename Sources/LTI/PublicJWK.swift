/// A public RSA key in JWK form, as the tool publishes it.
public struct PublicJWK: Hashable, Sendable, Codable {
    /// `kty`, always `RSA`.
    public var kty = "RSA"
    /// `alg`, always `RS256`.
    public var alg = "RS256"
    /// `use`, always `sig`.
    public var use = "sig"
    /// `kid`.
    public var kid: String
    /// `n`, base64url.
    public var n: String
    /// `e`, base64url.
    public var e: String

    /// Creates a JWK from its key id, modulus and exponent (base64url).
    public init(kid: String, modulus: String, exponent: String) {
        self.kid = kid
        self.n = modulus
        self.e = exponent
    }
}
