import BadgeCore

/// The texts of the claim page in one language (English and Dutch).
struct ClaimStrings: Sendable {
    let title: String
    let intro: String
    let codeLabel: String
    let codeHint: String
    let openButton: String
    let awards: String
    let evidenceIntro: String
    let evidenceURLLabel: String
    let evidenceTextLabel: String
    let claimButton: String
    let signInFirst: String
    let signInLink: String
    let unknownCode: String
    let issuedTitle: String
    let issuedText: String
    let viewCredential: String
    let walletLink: String
    let pendingTitle: String
    let pendingText: String
    let deniedTitle: String
    let deniedText: String
    let alreadyHeldText: String
    let expired: String
    let usedUp: String
    let disabled: String

    /// The sentence for a code that takes no claims.
    func refusal(_ refusal: ClaimRefusal) -> String {
        switch refusal {
        case .expired: expired
        case .usedUp: usedUp
        case .disabled: disabled
        }
    }

    static let english = ClaimStrings(
        title: "Claim a badge",
        intro: "Type the code you were given to claim its badge.",
        codeLabel: "Claim code",
        codeHint: "Sixteen letters and digits, such as K7QM-3XPA-9D2F-WN4T",
        openButton: "Open",
        awards: "This code awards",
        evidenceIntro:
            "This badge asks for evidence: a link to your work, or a description. A mentor or organiser reviews it before the badge is issued.",
        evidenceURLLabel: "Link to your work",
        evidenceTextLabel: "Or describe what you did",
        claimButton: "Claim the badge",
        signInFirst: "Sign in first, so that the badge is issued to you; then open this link again.",
        signInLink: "Sign in",
        unknownCode: "No claim code matches what you typed. Check the code and try again.",
        issuedTitle: "Your badge is issued",
        issuedText: "The badge is yours: it is in your wallet.",
        viewCredential: "View the credential",
        walletLink: "Open your wallet",
        pendingTitle: "Your claim waits for review",
        pendingText: "A mentor or organiser reviews your evidence; the badge appears in your wallet once they approve it.",
        deniedTitle: "Your claim was not approved",
        deniedText: "A reviewer did not approve your claim with this code.",
        alreadyHeldText: "You already hold this badge; the code was not used.",
        expired: "This code has expired",
        usedUp: "This code has been used up",
        disabled: "This code is no longer in use"
    )

    static let dutch = ClaimStrings(
        title: "Een badge claimen",
        intro: "Vul de code in die je hebt gekregen om de badge te claimen.",
        codeLabel: "Claimcode",
        codeHint: "Zestien letters en cijfers, zoals K7QM-3XPA-9D2F-WN4T",
        openButton: "Openen",
        awards: "Deze code geeft",
        evidenceIntro:
            "Voor deze badge is bewijs nodig: een link naar je werk, of een beschrijving. Een mentor of organisator beoordeelt het voordat de badge wordt uitgegeven.",
        evidenceURLLabel: "Link naar je werk",
        evidenceTextLabel: "Of beschrijf wat je hebt gedaan",
        claimButton: "Badge claimen",
        signInFirst: "Log eerst in, zodat de badge aan jou wordt uitgegeven; open daarna deze link opnieuw.",
        signInLink: "Inloggen",
        unknownCode: "Er is geen claimcode die overeenkomt met wat je invulde. Controleer de code en probeer het opnieuw.",
        issuedTitle: "Je badge is uitgegeven",
        issuedText: "De badge is van jou: hij staat in je wallet.",
        viewCredential: "De credential bekijken",
        walletLink: "Je wallet openen",
        pendingTitle: "Je claim wacht op beoordeling",
        pendingText: "Een mentor of organisator beoordeelt je bewijs; de badge verschijnt in je wallet zodra die is goedgekeurd.",
        deniedTitle: "Je claim is niet goedgekeurd",
        deniedText: "Een beoordelaar heeft je claim met deze code niet goedgekeurd.",
        alreadyHeldText: "Je hebt deze badge al; de code is niet gebruikt.",
        expired: "Deze code is verlopen",
        usedUp: "Deze code is opgebruikt",
        disabled: "Deze code wordt niet meer gebruikt"
    )
}

extension PageLanguage {
    /// The claim page's texts in this language.
    var claimStrings: ClaimStrings {
        switch self {
        case .en: .english
        case .nl: .dutch
        }
    }
}
