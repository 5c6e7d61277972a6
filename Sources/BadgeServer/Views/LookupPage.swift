import Foundation

/// The credential lookup page: a labelled form for a credential number. When a lookup fails it
/// says "no such credential", the same page whatever the reason (mistyped, unknown, erased), and
/// it does not repeat the number typed, so that two failures are indistinguishable.
struct LookupPage: PageModel {
    static let template = "lookup"

    let title: String
    let language: String
    let strings: PageStrings
    let switchLinks: [LanguageLink]
    /// Where the form goes (this page).
    let action: String
    /// Whether a lookup failed.
    let notFound: Bool
}

extension LookupPage {
    /// The page in a language; `notFound` after a failed lookup.
    init(language: PageLanguage, action: String, notFound: Bool) {
        let strings = language.strings
        self.init(
            title: notFound ? strings.notFoundTitle : strings.lookupTitle,
            language: language.rawValue,
            strings: strings,
            switchLinks: language.switchLinks,
            action: action,
            notFound: notFound
        )
    }
}
