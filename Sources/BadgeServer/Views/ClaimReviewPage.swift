import BadgeCore
import Foundation

/// The claim review page of a reviewer session: the claims waiting in its scope, each with its
/// evidence and an approve and a deny button sharing one comment field; or, for a reviewer link,
/// the one button that spends it.
///
/// A claimant appears only as a pseudonym and the kind of identifier they claimed with: badged
/// keeps claimants hashed, a reviewer judges the evidence rather than the person, and a mentor
/// outside the institution has no need to learn who claimed. The pseudonym is stable within the
/// session, so one person's several claims are recognisable as one person's.
struct ClaimReviewPage: PageModel {
    static let template = "review"

    /// One waiting claim.
    struct Item: Sendable {
        let id: String
        let badgeName: String
        let claimant: String
        let claimedOn: String
        /// The evidence URL as text (always shown; never a link by itself).
        let evidenceURL: String?
        /// The same URL for the link behind the disclosure, only when it is http(s).
        let evidenceHref: String?
        let evidenceText: String?
        /// Where its form posts.
        let action: String
    }

    let title: String
    let language: String
    let strings: ClaimReviewStrings
    let switchLinks: [LanguageLink]
    /// The button's target on a reviewer link's page; nil on the review page itself.
    let linkAction: String?
    /// "Claims for Badge" or "Claims of Institution".
    let scope: String
    let items: [Item]
    let isEmpty: Bool
    /// What the last decision did.
    let message: String?
    let formToken: String
    let signOutAction: String
}

extension ClaimReviewPage {
    /// The page of a reviewer link: one button that spends it.
    init(language: PageLanguage, linkAction: String) {
        let strings = language.claimReviewStrings
        self.init(
            title: strings.linkTitle,
            language: language.rawValue,
            strings: strings,
            switchLinks: language.switchLinks,
            linkAction: linkAction + "?lang=" + language.rawValue,
            scope: "",
            items: [],
            isEmpty: false,
            message: nil,
            formToken: "",
            signOutAction: ""
        )
    }

    /// The review page.
    /// - Parameters:
    ///   - scope: the name of the badge class or institution under review.
    ///   - isClass: whether the scope is one badge class.
    ///   - items: the waiting claims.
    ///   - message: what the last decision did, if the page follows one.
    ///   - formToken: the session's form token.
    init(language: PageLanguage, scope: String, isClass: Bool, items: [Item], message: String?, formToken: String) {
        let strings = language.claimReviewStrings
        self.init(
            title: strings.title,
            language: language.rawValue,
            strings: strings,
            switchLinks: language.switchLinks,
            linkAction: nil,
            scope: (isClass ? strings.scopeClass : strings.scopeInstitution) + " " + scope,
            items: items,
            isEmpty: items.isEmpty,
            message: message,
            formToken: formToken,
            signOutAction: "/review/sign-out?lang=" + language.rawValue
        )
    }
}

extension ClaimReviewPage.Item {
    /// The item of a waiting claim.
    init(_ claim: Claim, badgeName: String, claimant pseudonym: String, language: PageLanguage) {
        let url = claim.evidence?.url
        let scheme = url.flatMap { URL(string: $0)?.scheme?.lowercased() }
        self.init(
            id: claim.id.uuidString.lowercased(),
            badgeName: badgeName,
            claimant: pseudonym + " (" + language.claimReviewStrings.identityType(claim.recipient.type.rawValue) + ")",
            claimedOn: claim.createdAt.formatted(.iso8601.year().month().day()),
            evidenceURL: url,
            evidenceHref: scheme == "https" || scheme == "http" ? url : nil,
            evidenceText: claim.evidence?.narrative,
            action: "/review/claims/" + claim.id.uuidString.lowercased() + "?lang=" + language.rawValue
        )
    }
}
