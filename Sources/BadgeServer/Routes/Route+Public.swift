import HTTPTypes
import OpenAPIKit

/// The public Open Badges documents. `PublicURLs` (in OpenBadges) builds the same URLs for the
/// documents' ids; a test checks that each of its URLs is served by one of these routes.
extension Route {
    /// The Issuer profile.
    static let publicIssuer = document("public/issuers/:id", id: "public-issuer", summary: "Open Badges Issuer profile")

    /// The issuer's RevocationList.
    static let publicRevocationList = document(
        "public/issuers/:id/revocations",
        id: "public-revocation-list",
        summary: "The issuer's RevocationList"
    )

    /// The BadgeClass.
    static let publicBadgeClass = document("public/badge-classes/:id", id: "public-badge-class", summary: "Open Badges BadgeClass")

    /// The generated badge image of a class.
    static let publicBadgeClassImage = document(
        "public/badge-classes/:id/image",
        id: "public-badge-class-image",
        summary: "The generated badge image (SVG)",
        response: .svg
    )

    /// The hosted Assertion; with ``signedSuffix`` the signed one, with ``edciSuffix`` the EDCI
    /// credential. Browsers (`Accept: text/html`) get the credential page, the one canonical page
    /// of a credential, unless `?format=json` asks for the document.
    static let publicAssertion = document(
        "public/assertions/:id",
        id: "public-assertion",
        summary: "Hosted Assertion; with .jws the signed one, with .edci.xml the Europass EDCI credential; browsers get the credential page",
        parameters: [
            .query("format", "json for the JSON-LD document even when the client prefers HTML", .oneOf(["json"])),
            .query("lang", "the credential page's language", .oneOf(["en", "nl"])),
        ]
    )

    /// The credential lookup page: a form for a credential number; a known number redirects
    /// (303) to its credential page, any other answers 404 with the same page.
    static let publicCredentialLookup = Route(
        .get,
        "public/credentials",
        audience: .public,
        id: "public-credential-lookup",
        summary: "Look up a credential by its number (HTML); a known number redirects to the credential page",
        parameters: [
            .query("number", "a credential number such as UH-7K3M-Q9PX", .string(max: 64)),
            .query("lang", "the page's language", .oneOf(["en", "nl"])),
        ],
        response: .html,
        problems: [404]
    )

    /// A CryptographicKey.
    static let publicKey = document("public/keys/:id", id: "public-key", summary: "CryptographicKey")

    /// The assertion baked into a badge image.
    static let publicBakedImage = document(
        "public/assertions/:id/image",
        id: "public-baked-image",
        summary: "The assertion baked into a badge image (SVG, or PNG with ?format=png)",
        parameters: [.query("format", "png for a PNG image", .oneOf(["png", "svg"]))],
        response: .svg
    )

    /// The QR code of the assertion's link, for certificates and credential pages.
    static let publicAssertionQRCode = document(
        "public/assertions/:id/qr",
        id: "public-assertion-qr",
        summary: "The QR code of the assertion's URL (SVG, or PNG with ?format=png)",
        parameters: [.query("format", "png for a PNG image", .oneOf(["png", "svg"]))],
        response: .svg
    )

    /// The printable certificate of an assertion: one A4 sheet (HTML with a print stylesheet).
    static let publicAssertionCertificate = Route(
        .get,
        "public/assertions/:id/certificate",
        audience: .public,
        id: "public-assertion-certificate",
        summary: "The printable A4 certificate of an assertion (HTML), with its number, QR code and link",
        parameters: [.query("lang", "the certificate's language", .oneOf(["en", "nl"]))],
        response: .html,
        problems: [404]
    )

    /// An edubadges extension's JSON-LD context or JSON schema.
    static let publicExtension = document(
        "public/extensions/:name/:file",
        id: "public-extension",
        summary: "An edubadges extension's context.json or schema.json",
        parameters: [.path("file", .oneOf(["context.json", "schema.json"]))]
    )

    /// The id suffix of an assertion's compact JWS (`/public/assertions/{id}.jws`).
    static let signedSuffix = ".jws"

    /// The id suffix of an assertion's Europass EDCI credential (`/public/assertions/{id}.edci.xml`).
    static let edciSuffix = ".edci.xml"

    private static func document(
        _ pattern: String,
        id: String,
        summary: String,
        parameters: [Parameter] = [],
        response: Content = .linkedData
    ) -> Route {
        Route(.get, pattern, audience: .public, id: id, summary: summary, parameters: parameters, response: response, problems: [404])
    }
}
