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

    let title = "Sign in to your credentials"
    let providers: [Provider]
}
