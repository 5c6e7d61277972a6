/// The student sign-in page: a button per configured OpenID Connect provider, and the other ways in.
struct SignInPage: PageModel {
    static let template = "signin"

    /// A provider's button.
    struct Provider: Hashable, Sendable {
        /// Where the button leads (`/wallet/oidc/{id}`).
        let url: String
        /// Its name.
        let name: String
    }

    let title: String
    let language: String
    let strings: WalletStrings
    let switchLinks: [LanguageLink]
    let providers: [Provider]

    /// The page in a language.
    init(language: PageLanguage, providers: [Provider]) {
        strings = language.walletStrings
        title = strings.signInTitle
        self.language = language.rawValue
        switchLinks = language.switchLinks
        self.providers = providers
    }
}
