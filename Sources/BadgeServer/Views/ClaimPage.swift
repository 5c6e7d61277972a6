import BadgeCore
import BadgeIssuing

/// The claim page: a form for a code; a code's page (what it awards, and the claim form for a
/// signed-in student, with evidence fields when the code asks for them); and what a claim did.
/// It never shows who is signed in, and a code's refusal is said plainly.
struct ClaimPage: PageModel {
    static let template = "claim"

    let title: String
    let language: String
    let strings: ClaimStrings
    let switchLinks: [LanguageLink]
    /// The code as typed (a code's page and its form carry it).
    let code: String
    /// The badge class the code awards, once the code is known.
    let badgeName: String?
    /// A plain sentence about the code (unknown, expired, used up) or the claim.
    let message: String?
    /// Whether the message is bad news.
    let isAlert: Bool
    /// Whether to show the claim form (a known code that takes claims, for a signed-in student).
    let showsClaimForm: Bool
    /// Whether the form asks for evidence.
    let asksEvidence: Bool
    /// Whether to ask the visitor to sign in first.
    let asksSignIn: Bool
    /// The session's form token.
    let formToken: String
    /// The issued credential's page.
    let credentialURL: String?
    /// Whether to link to the wallet (a signed-in student's claim).
    let showsWalletLink: Bool
    /// How to sign in to see the badge in a wallet (a claim confirmed by e-mail, when students
    /// can sign in); nil otherwise.
    let walletSignInText: String?
    /// The text of the sign-in link that goes with ``walletSignInText``.
    let walletSignInLink: String
    /// Whether to show the form for typing a code.
    let showsCodeForm: Bool
    /// The form for claiming by e-mail address (a visitor, with a mail relay configured).
    var mailForm: ClaimMailForm? = nil
}

extension ClaimPage {
    /// The page's state.
    enum State {
        /// The form for typing a code.
        case enterCode
        /// No such code.
        case unknown
        /// A code (with why it takes no claims now, if so), for a signed-in student (form token)
        /// or a visitor (nil).
        case code(requiresEvidence: Bool, refusal: ClaimRefusal?, badgeName: String, formToken: String?)
        /// What a claim did.
        case claimed(ClaimCodes.Outcome, badgeName: String, credentialURL: String?, by: Claimant)
    }

    /// Who claimed, which decides what the page offers after the claim.
    enum Claimant {
        /// A signed-in student: the badge is in their wallet.
        case signedIn
        /// A person who confirmed an e-mail address and may have no sign-in: the credential's
        /// public page, and how to sign in when students can sign in by e-mail address (`canSignIn`).
        case mailed(canSignIn: Bool)
    }

    /// The page in a language.
    init(language: PageLanguage, code: String, state: State) {
        let strings = language.claimStrings
        var title = strings.title
        var (badgeName, message, isAlert): (String?, String?, Bool) = (nil, nil, false)
        var (showsClaimForm, asksEvidence, asksSignIn, formToken) = (false, false, false, "")
        var (credentialURL, showsWalletLink, showsCodeForm): (String?, Bool, Bool) = (nil, false, false)
        var walletSignInText: String?
        switch state {
        case .enterCode:
            showsCodeForm = true
        case .unknown:
            (message, isAlert, showsCodeForm) = (strings.unknownCode, true, true)
        case .code(let requiresEvidence, let refusal, let name, let token):
            badgeName = name
            if let refusal {
                (message, isAlert) = (strings.refusal(refusal), true)
            } else if let token {
                (showsClaimForm, asksEvidence, formToken) = (true, requiresEvidence, token)
            } else {
                asksSignIn = true
            }
        case .claimed(let outcome, let name, let url, let claimant):
            badgeName = name
            credentialURL = url
            let mail = language.claimMailStrings
            var mailed = false
            switch claimant {
            case .signedIn: showsWalletLink = true
            case .mailed(let canSignIn):
                mailed = true
                walletSignInText = canSignIn ? mail.walletSignInText : nil
            }
            switch outcome {
            case .issued: (title, message) = (strings.issuedTitle, mailed ? mail.issuedText : strings.issuedText)
            case .pending: (title, message) = (strings.pendingTitle, mailed ? mail.pendingText : strings.pendingText)
            case .denied: (title, message, isAlert, walletSignInText) = (strings.deniedTitle, strings.deniedText, true, nil)
            case .alreadyHeld: (title, message) = (strings.issuedTitle, strings.alreadyHeldText)
            }
        }
        self.init(
            title: title,
            language: language.rawValue,
            strings: strings,
            switchLinks: language.switchLinks,
            code: code,
            badgeName: badgeName,
            message: message,
            isAlert: isAlert,
            showsClaimForm: showsClaimForm,
            asksEvidence: asksEvidence,
            asksSignIn: asksSignIn,
            formToken: formToken,
            credentialURL: credentialURL,
            showsWalletLink: showsWalletLink,
            walletSignInText: walletSignInText,
            walletSignInLink: language.claimMailStrings.walletSignInLink,
            showsCodeForm: showsCodeForm
        )
    }
}
