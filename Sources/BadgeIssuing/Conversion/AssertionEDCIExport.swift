public import BadgeCore
public import EDCI
public import Foundation
public import OpenBadges

/// One stored assertion as a signed Europass EDCI credential: the export the daemon serves at
/// `/public/assertions/{id}.edci.xml`, as one pure step (no I/O) so that golden tests pin the
/// same bytes the daemon serves.
public struct AssertionEDCIExport: Sendable {
    /// The assertion and the records above it.
    public let assertion: Assertion
    public let badgeClass: Record<BadgeClass>
    public let issuer: Record<Issuer>
    public let institution: Record<Institution>
    /// For a composite (a stacked credential), the component assertions its evidence names,
    /// each with its badge class: written as the achievement's `hasPart`.
    public let components: [(assertion: Assertion, badgeClass: Record<BadgeClass>)]

    /// Creates an export of `assertion`.
    public init(
        assertion: Assertion,
        badgeClass: Record<BadgeClass>,
        issuer: Record<Issuer>,
        institution: Record<Institution>,
        components: [(assertion: Assertion, badgeClass: Record<BadgeClass>)] = []
    ) {
        self.assertion = assertion
        self.badgeClass = badgeClass
        self.issuer = issuer
        self.institution = institution
        self.components = components
    }

    /// The exporter's input: the learner as the assertion publishes them (hashed), the badge
    /// class and assertion named by their public URLs.
    public func input(urls: PublicURLs) -> EDCICredentialInput {
        EDCICredentialInput(
            institution: institution.content,
            issuer: issuer.content,
            learner: .openBadgesRecipient(assertion.recipient),
            achievement: .init(
                badgeClass: badgeClass.content,
                badgeClassID: urls.badgeClass(badgeClass.id),
                assertionID: urls.assertion(assertion.id),
                issuedOn: assertion.issuedOn,
                grade: assertion.grade
            ),
            components: components.map { component in
                .init(
                    badgeClass: component.badgeClass.content,
                    badgeClassID: urls.badgeClass(component.badgeClass.id),
                    assertionID: urls.assertion(component.assertion.id),
                    issuedOn: component.assertion.issuedOn,
                    grade: component.assertion.grade
                )
            },
            expires: assertion.expires
        )
    }

    /// The signed, schema-valid document.
    /// - Parameters:
    ///   - key: the issuer's signing key, and when it was made (the self-signed certificate's start).
    ///   - chain: the certificate chain imported with the key: `KeyInfo` carries it. Without one,
    ///     a self-signed certificate derived from the key (``IssuerCertificate``).
    /// - Throws: ``EDCIError`` when export, signing or validation fails.
    public func signedXML(
        urls: PublicURLs,
        key: SigningKey,
        keyCreatedAt: Date,
        chain: IssuerCertificateChain? = nil,
        schema: EDCISchema
    ) throws -> Data {
        let export = try EDCIExporter().export(input(urls: urls))
        let certificatePEM =
            try chain?.pem
            ?? IssuerCertificate(
                key: key,
                createdAt: keyCreatedAt,
                issuerName: issuer.content.name.preferred(badgeClass.content.language),
                institution: institution.content
            ).pem
        try EDCISigner(privateKeyPEM: key.privateKeyPEM, certificatePEM: certificatePEM).sign(export.document)
        try schema.validate(export.document)
        return export.xmlData()
    }
}
