import Foundation

/// Every text of the public credential pages in one language; ``english`` and ``dutch`` hold
/// them (one file each). Texts with a value in them are functions.
struct PageStrings: Sendable {
    /// The language's own name, for the switch.
    let languageName: String
    /// The switch's accessible name.
    let languageSwitch: String
    let lookupTitle: String
    let lookupIntro: String
    let numberLabel: String
    let numberHint: String
    let lookupButton: String
    let lookupAgain: String
    let notFoundTitle: String
    let notFoundText: String
    let details: String
    let issuer: String
    let institution: String
    let credentialNumber: String
    let issuedOn: String
    let expires: String
    let neverExpires: String
    let credits: String
    let eqfLevel: String
    let kind: String
    let criteria: String
    let criteriaLink: String
    let learningOutcomes: String
    let verification: String
    let valid: String
    let validDetail: String
    let signatureChecked: String
    let revoked: String
    let expired: String
    let unverifiable: String
    let share: String
    let qrCodeAlt: String
    let linkLabel: String
    let linkHint: String
    let addToLinkedIn: String
    let downloads: String
    let bakedImage: String
    let openBadgesJSON: String
    let signedJWS: String
    let edciXML: String
    /// The certificate: its heading, the credential page's link to it and the way back.
    let certificate: String
    let certificateLink: String
    let backToCredential: String
    /// How to print the certificate (shown on screen only).
    let printHint: String
    let verifyHeading: String
    let badgeImageAlt: @Sendable (String) -> String
    let revokedReason: @Sendable (String) -> String
    let expiredOn: @Sendable (String) -> String
    let checkedOn: @Sendable (String) -> String
    /// The certificate's statement, with the institution's name; it never names the recipient.
    let certifies: @Sendable (String) -> String
    /// How to verify a printed certificate, with the credential's link and the lookup page's.
    let verifyText: @Sendable (_ link: String, _ lookup: String) -> String
    /// Badge class kinds by their API value.
    let kinds: [String: String]
    /// The locale of dates.
    let locale: Locale

    /// A date as the language writes it, such as "1 September 2026" or "1 september 2026".
    func date(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .long, time: .omitted, locale: locale, timeZone: .gmt))
    }
}
