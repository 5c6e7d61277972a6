import BadgeCore
import BadgeIssuing
import Foundation
import OpenBadges

/// A signed-in student's wallet: every credential (revoked ones marked) with its public/private
/// switch and a box to select it for sharing, progress toward composites, the shared links, and
/// the "download all" and sign-out buttons. Every form carries the session's form token.
struct WalletPage: PageModel {
    static let template = "wallet"

    /// One credential.
    struct Item: Hashable, Sendable {
        /// The assertion id (lower-case), the forms' `assertion_id`.
        let id: String
        let name: String
        let issuerName: String
        /// The award date (ISO 8601 calendar date).
        let issuedOn: String
        let isRevoked: Bool
        let isPrivate: Bool
        /// The public page (answers 404 while the credential is private).
        let url: String
    }

    /// A badge from elsewhere, with its status as just checked.
    struct ExternalItem: Hashable, Sendable {
        /// The record's id (lower-case), for its remove form.
        let id: String
        let name: String
        /// The issuer's name, or its profile's host when it gave none.
        let issuerName: String
        /// The issue date (ISO 8601 calendar date).
        let issuedOn: String
        /// `valid`, `revoked`, `expired` or `unverifiable`: the status's CSS class.
        let status: String
        /// The status in words, such as "Valid, checked 2026-09-01 09:00 UTC".
        let statusText: String
        /// Why it is revoked or unverifiable.
        let detail: String?
        /// The hosted assertion's URL, when it has one.
        let url: String?
    }

    /// A composite and where the student stands.
    struct ProgressItem: Hashable, Sendable {
        let name: String
        let explanation: String
        let isHeld: Bool
    }

    /// A shared link.
    struct ShareItem: Hashable, Sendable {
        /// The share id, for its revoke form.
        let id: String
        /// How many credentials it shows, and since when, such as "2 credentials, shared 2026-09-01".
        let summary: String
    }

    let title: String
    let language: String
    let strings: WalletStrings
    let switchLinks: [LanguageLink]
    /// `?lang=…` when the language was chosen with the switch, for the forms' targets.
    let languageQuery: String
    /// Every form's `form_token`.
    let formToken: String
    let items: [Item]
    let progress: [ProgressItem]
    let shares: [ShareItem]
    /// Set right after a share was made: its link, shown this once.
    let newShareURL: String?
    /// Whether the download holds EDCI files (`edci.schema_dir` configured) besides the images.
    let includesEDCI: Bool
    /// Whether the wallet has any credential.
    let hasItems: Bool
    /// Badges from elsewhere; they never appear on public pages or in shared selections.
    let externals: [ExternalItem]
    /// Why the badge just submitted was refused, shown above the add form.
    let externalError: String?
}

extension WalletPage {
    /// The page for a session's wallet.
    init(
        language: PageLanguage,
        languageQuery: String = "",
        formToken: String,
        items: [Wallet.Item],
        progress: [Stacker.Assessment],
        shares: [WalletShare],
        newShareURL: String?,
        includesEDCI: Bool,
        urls: PublicURLs,
        externals: [ExternalBadgeChecks<HTTPDocumentFetcher>.Shown] = [],
        externalError: String? = nil
    ) {
        let strings = language.walletStrings
        self.init(
            title: strings.walletTitle,
            language: language.rawValue,
            strings: strings,
            switchLinks: language.switchLinks,
            languageQuery: languageQuery,
            formToken: formToken,
            items: items.map { item in
                Item(
                    id: item.assertion.id.uuidString.lowercased(),
                    name: item.name,
                    issuerName: item.issuerName,
                    issuedOn: item.assertion.issuedOn.formatted(.iso8601.year().month().day()),
                    isRevoked: item.assertion.isRevoked,
                    isPrivate: item.isPrivate,
                    url: urls.assertion(item.assertion.id)
                )
            },
            progress: progress.map { assessment in
                ProgressItem(
                    name: assessment.composite.name.preferred(assessment.composite.language),
                    explanation: assessment.verdict.explanation,
                    isHeld: assessment.held.map { !$0.isRevoked } ?? false
                )
            },
            shares: shares.map { share in
                ShareItem(
                    id: share.id.uuidString.lowercased(),
                    summary: strings.shareSummary(share.assertionIDs.count, share.createdAt.formatted(.iso8601.year().month().day()))
                )
            },
            newShareURL: newShareURL,
            includesEDCI: includesEDCI,
            hasItems: !items.isEmpty,
            externals: externals.map { ExternalItem($0, strings: strings) },
            externalError: externalError
        )
    }
}

/// The page of an access link: one button that spends it (link checkers in mail systems fetch
/// links, and would otherwise spend a single-use link before the student opens it).
struct AccessLinkPage: PageModel {
    static let template = "access"

    let title: String
    let language: String
    let strings: WalletStrings
    let switchLinks: [LanguageLink]
    /// Where the button posts (the link's own path, with the language if one was chosen).
    let action: String

    /// The page in a language.
    init(language: PageLanguage, action: String) {
        strings = language.walletStrings
        title = strings.accessTitle
        self.language = language.rawValue
        switchLinks = language.switchLinks
        self.action = action
    }
}

/// What a shared link shows: the credentials a student selected that are still public.
struct SharedSelectionPage: PageModel {
    static let template = "shared"

    let title: String
    let language: String
    let strings: WalletStrings
    let switchLinks: [LanguageLink]
    let items: [WalletPage.Item]

    /// The page in a language.
    init(language: PageLanguage, items: [WalletPage.Item]) {
        strings = language.walletStrings
        title = strings.sharedTitle
        self.language = language.rawValue
        switchLinks = language.switchLinks
        self.items = items
    }
}

extension WalletPage.ExternalItem {
    /// The item of a checked external credential.
    init(_ shown: ExternalBadgeChecks<HTTPDocumentFetcher>.Shown, strings: WalletStrings) {
        let credential = shown.credential
        let checked = shown.checkedAt.formatted(.iso8601.year().month().day())
        let words: String =
            switch shown.status {
            case .valid: strings.valid
            case .revoked: strings.revoked
            case .expired: strings.expired
            case .unverifiable: strings.unverifiable
            }
        self.init(
            id: credential.id.uuidString.lowercased(),
            name: credential.name,
            issuerName: credential.issuerName ?? URL(string: credential.issuerID)?.host() ?? credential.issuerID,
            issuedOn: credential.issuedOn.formatted(.iso8601.year().month().day()),
            status: shown.status.rawValue,
            statusText: words + ", " + (shown.isCurrent ? strings.checked : strings.lastChecked) + " " + checked,
            detail: shown.detail,
            url: ExternalBadgeChecks<HTTPDocumentFetcher>.isWebURL(credential.assertionID) ? credential.assertionID : nil
        )
    }
}
