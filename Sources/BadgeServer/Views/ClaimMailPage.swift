import BadgeCore

/// The pages of claiming by e-mail address: "check your mail" after a request (the same
/// whatever the address), the confirmation page a mailed link opens (a button, so that mail
/// scanners that follow links spend nothing), and the plain page of a link that no longer works.
struct ClaimMailPage: PageModel {
    static let template = "claim-mail"

    let title: String
    let language: String
    let strings: ClaimMailStrings
    let switchLinks: [LanguageLink]
    /// The sentence under the title.
    let message: String
    /// Whether the message is bad news.
    let isAlert: Bool
    /// The badge class claimed, on the confirmation page.
    let badgeName: String?
    /// The awards label ("This code awards").
    let awards: String
    /// The link's token, for the confirmation form.
    let token: String?
}

extension ClaimMailPage {
    /// The page's state.
    enum State {
        /// A request was taken.
        case sent
        /// A link that still confirms.
        case confirm(badgeName: String, token: String)
        /// A link that no longer works.
        case unusable
        /// A link confirmed for a code that takes no more claims (used up since the request, say).
        case refused(ClaimRefusal)
    }

    /// The page in a language.
    init(language: PageLanguage, state: State) {
        let strings = language.claimMailStrings
        let (title, message, isAlert, badgeName, token): (String, String, Bool, String?, String?) =
            switch state {
            case .sent: (strings.sentTitle, strings.sentText, false, nil, nil)
            case .confirm(let name, let token): (strings.confirmTitle, strings.confirmText, false, name, token)
            case .unusable: (strings.unusableTitle, strings.unusableText, true, nil, nil)
            case .refused(let refusal): (language.claimStrings.title, language.claimStrings.refusal(refusal), true, nil, nil)
            }
        self.init(
            title: title,
            language: language.rawValue,
            strings: strings,
            switchLinks: language.switchLinks,
            message: message,
            isAlert: isAlert,
            badgeName: badgeName,
            awards: language.claimStrings.awards,
            token: token
        )
    }
}

/// The e-mail form on a code's page, for a visitor who is not signed in.
struct ClaimMailForm: Sendable {
    let strings: ClaimMailStrings
    /// The code as typed.
    let code: String
    /// The page's language, for the form's action.
    let language: String
    /// Whether the code asks for evidence.
    let asksEvidence: Bool
    let evidenceIntro: String
    let evidenceURLLabel: String
    let evidenceTextLabel: String

    init(language: PageLanguage, code: String, asksEvidence: Bool) {
        let claim = language.claimStrings
        self.strings = language.claimMailStrings
        self.code = code
        self.language = language.rawValue
        self.asksEvidence = asksEvidence
        self.evidenceIntro = claim.evidenceIntro
        self.evidenceURLLabel = claim.evidenceURLLabel
        self.evidenceTextLabel = claim.evidenceTextLabel
    }
}
