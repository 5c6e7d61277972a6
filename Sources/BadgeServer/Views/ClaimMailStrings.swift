/// The texts of claiming by e-mail address (the form on a code's page, "check your mail", the
/// confirmation page and a spent link), in English and Dutch.
struct ClaimMailStrings: Sendable {
    let heading: String
    let intro: String
    let emailLabel: String
    let sendButton: String
    let sentTitle: String
    let sentText: String
    let confirmTitle: String
    let confirmText: String
    let confirmButton: String
    let unusableTitle: String
    let unusableText: String
    let claimPageLink: String
    /// After a confirmed claim was issued: the badge is the address's, and its page is the credential.
    let issuedText: String
    /// After a confirmed claim went to review.
    let pendingText: String
    /// How to see the badge in a wallet, when students can sign in.
    let walletSignInText: String
    let walletSignInLink: String

    static let english = ClaimMailStrings(
        heading: "Or claim with your e-mail address",
        intro: "We mail you a link; the badge is issued to your address once you confirm it.",
        emailLabel: "E-mail address",
        sendButton: "Mail me the link",
        sentTitle: "Check your mail",
        sentText:
            "If the address can receive mail, a link to confirm your claim is on its way. Open it and confirm within 24 hours; it works once.",
        confirmTitle: "Confirm your claim",
        confirmText: "Confirm that this is your e-mail address to claim the badge.",
        confirmButton: "Confirm and claim",
        unusableTitle: "This link no longer works",
        unusableText: "The link expired, was used already, or is incomplete. Open the claim code again to get a new one.",
        claimPageLink: "Go to the claim page",
        issuedText: "The badge is issued to your e-mail address. Its public page is your credential: keep the link, or share it.",
        pendingText: "A mentor or organiser reviews your evidence; once they approve it, the badge is issued to your e-mail address.",
        walletSignInText: "To see it in a wallet beside your other credentials, sign in with an account that uses this e-mail address.",
        walletSignInLink: "Sign in to your wallet"
    )

    static let dutch = ClaimMailStrings(
        heading: "Of claim met je e-mailadres",
        intro: "We mailen je een link; de badge wordt aan je adres uitgegeven zodra je het bevestigt.",
        emailLabel: "E-mailadres",
        sendButton: "Mail mij de link",
        sentTitle: "Kijk in je mail",
        sentText:
            "Als het adres mail kan ontvangen, is er een link onderweg om je claim te bevestigen. Open hem en bevestig binnen 24 uur; hij werkt één keer.",
        confirmTitle: "Bevestig je claim",
        confirmText: "Bevestig dat dit jouw e-mailadres is om de badge te claimen.",
        confirmButton: "Bevestigen en claimen",
        unusableTitle: "Deze link werkt niet meer",
        unusableText: "De link is verlopen, al gebruikt of onvolledig. Open de claimcode opnieuw om een nieuwe te krijgen.",
        claimPageLink: "Naar de claimpagina",
        issuedText: "De badge is uitgegeven aan je e-mailadres. De openbare pagina ervan is je credential: bewaar de link of deel hem.",
        pendingText: "Een mentor of organisator beoordeelt je bewijs; zodra die het goedkeurt, wordt de badge aan je e-mailadres uitgegeven.",
        walletSignInText: "Om hem in een wallet naast je andere credentials te zien, log je in met een account dat dit e-mailadres gebruikt.",
        walletSignInLink: "Inloggen op je wallet"
    )
}

extension PageLanguage {
    /// The texts of claiming by e-mail address in this language.
    var claimMailStrings: ClaimMailStrings {
        switch self {
        case .en: .english
        case .nl: .dutch
        }
    }
}
