extension Migration {
    /// Version 13: an issuer key may carry the X.509 certificate chain it was imported with (PEM,
    /// the key's certificate first); EDCI exports signed with that key put the chain in `KeyInfo`.
    static let v13IssuerCertificates = Migration(
        version: 13,
        name: "issuer_certificates",
        statements: [
            "ALTER TABLE issuer_keys ADD COLUMN certificate_chain TEXT"
        ]
    )
}
