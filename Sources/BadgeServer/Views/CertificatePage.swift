import BadgeCore
import Foundation
import OpenBadges
import QRCodes

/// The printable certificate of a credential: one A4 sheet a registrar prints or saves as a PDF
/// from the browser, with the institution, issuer, badge, its facts, the credential number, the
/// QR code of the credential's link and that link written out. Like the credential page it
/// never names the recipient (the assertion holds only a hashed identity): it certifies "the
/// holder of this credential". It has its own layout, an A4 sheet on screen and on paper.
struct CertificatePage: PageModel {
    static let template = "certificate"
    static let layout = "certificate-layout"

    /// The badge class's name, which is also the document title.
    let title: String
    let language: String
    let strings: PageStrings
    let switchLinks: [LanguageLink]
    /// The institution's name, at the head of the sheet.
    let institution: String
    /// "<institution> certifies that the holder of this credential has earned".
    let statement: String
    let imageURL: String
    let imageAlt: String
    let description: String
    /// Issuer, number, dates, ECTS, EQF and kind.
    let facts: [CredentialPage.Fact]
    /// The credential number, large beside the QR code; empty for an unnumbered credential.
    let number: String
    let hasNumber: Bool
    /// `valid`, `revoked`, `expired` or `unverifiable`, as on the credential page.
    let statusClass: String
    let statusLabel: String
    let statusDetail: String
    let checkedOn: String
    /// The QR code of ``link`` as an SVG `data:` URL, so that the sheet prints without a fetch.
    let qrCodeDataURL: String
    /// The credential's canonical link.
    let link: String
    /// How to verify the printed sheet, with the link and the lookup page written out.
    let verifyText: String
    /// The credential page in the same language.
    let credentialPageURL: String
}

extension CertificatePage {
    /// The certificate of a credential in a language.
    /// - Throws: ``BadgeCoreError`` `.conflict` if the link cannot be drawn as a QR code.
    init(_ credential: CredentialPage.Credential, language: PageLanguage, urls: PublicURLs) throws {
        let strings = language.strings
        let content = credential.badgeClass
        let assertion = credential.stored.assertion
        let code = language.rawValue
        let name = content.name.preferred(code)
        let institution = credential.institutionName.preferred(code)
        var facts = [CredentialPage.Fact(strings.issuer, credential.issuerName.preferred(code))]
        if let number = credential.number { facts.append(.init(strings.credentialNumber, number.description)) }
        facts.append(.init(strings.issuedOn, strings.date(assertion.issuedOn)))
        facts.append(.init(strings.expires, assertion.expires.map(strings.date) ?? strings.neverExpires))
        if let ects = content.ects { facts.append(.init(strings.credits, ects.formatted)) }
        if let eqf = content.eqf { facts.append(.init(strings.eqfLevel, String(eqf))) }
        facts.append(.init(strings.kind, strings.kinds[content.kind.rawValue] ?? content.kind.rawValue))
        let (statusClass, label, detail) = CredentialPage.status(credential.status, signed: credential.stored.jws != nil, strings: strings)
        let link = urls.assertion(assertion.id)
        let lookup = Route.publicCredentialLookup.url(baseURL: urls.baseURL)
        self.init(
            title: name,
            language: code,
            strings: strings,
            switchLinks: language.switchLinks,
            institution: institution,
            statement: strings.certifies(institution),
            imageURL: urls.bakedImage(assertion.id),
            imageAlt: strings.badgeImageAlt(name),
            description: content.description.preferred(code),
            facts: facts,
            number: credential.number?.description ?? "",
            hasNumber: credential.number != nil,
            statusClass: statusClass,
            statusLabel: label,
            statusDetail: detail,
            checkedOn: strings.checkedOn(strings.date(credential.checkedAt)),
            qrCodeDataURL: try Self.qrCodeDataURL(link, title: strings.qrCodeAlt),
            link: link,
            verifyText: strings.verifyText(link, lookup),
            credentialPageURL: link + "?lang=\(code)"
        )
    }

    /// The QR code of `link` as a `data:image/svg+xml;base64,…` URL.
    static func qrCodeDataURL(_ link: String, title: String) throws -> String {
        do {
            let svg = try QRCode(encoding: link).svg(title: title)
            return "data:image/svg+xml;base64," + Data(svg.utf8).base64EncodedString()
        } catch {
            throw BadgeCoreError(.conflict, "this link cannot be drawn as a QR code: \(error.message)")
        }
    }
}
