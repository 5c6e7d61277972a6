import Foundation

/// The confirmation mail of a claim by e-mail address, in English and Dutch.
struct ClaimMailText: Sendable {
    let subject: String
    let greeting: String
    let instruction: String
    let validity: String
    let ignore: String

    /// The text in a language (`nl`, else English).
    static func of(_ language: String) -> ClaimMailText {
        language == "nl" ? dutch : english
    }

    /// The body: the badge, the link on a line of its own, its expiry in UTC, and what to do if
    /// the mail was not expected.
    func body(badgeName: String, link: String, expiresAt: Date) -> String {
        let format = Date.ISO8601FormatStyle().year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon)
        return [
            greeting + (badgeName.isEmpty ? "" : ": " + badgeName),
            "",
            instruction,
            "",
            link,
            "",
            validity + " " + format.format(expiresAt).replacingOccurrences(of: "T", with: " ") + " UTC.",
            "",
            ignore,
        ].joined(separator: "\n")
    }

    static let english = ClaimMailText(
        subject: "Confirm your e-mail address to claim your badge",
        greeting: "Someone, probably you, claimed a badge with this e-mail address",
        instruction: "Open this link and confirm to receive the badge:",
        validity: "The link works once, until",
        ignore: "If you did not claim a badge, ignore this mail: nothing happens without the confirmation."
    )

    static let dutch = ClaimMailText(
        subject: "Bevestig je e-mailadres om je badge te claimen",
        greeting: "Iemand, waarschijnlijk jij, heeft met dit e-mailadres een badge geclaimd",
        instruction: "Open deze link en bevestig om de badge te ontvangen:",
        validity: "De link werkt één keer, tot",
        ignore: "Heb je geen badge geclaimd? Negeer dan deze mail: zonder bevestiging gebeurt er niets."
    )
}
