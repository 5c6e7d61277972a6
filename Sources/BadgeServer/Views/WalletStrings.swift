import Foundation

/// The texts of the student pages in one language (English and Dutch): the wallet, a shared
/// selection, the sign-in page and an access link's page. Texts with a value in them are functions.
struct WalletStrings: Sendable {
    let walletTitle: String
    let signOut: String
    let newShareLink: String
    let downloadAll: String
    let downloadImages: String
    let downloadEDCI: String
    let issued: String
    let privateMark: String
    let revokedMark: String
    let makePublic: String
    let makePrivate: String
    let shareHeading: String
    let makeLink: String
    let noCredentials: String
    let externalHeading: String
    let externalIntro: String
    let remove: String
    let notAdded: String
    let externalURLLabel: String
    let externalJWSLabel: String
    let externalImageLabel: String
    let addBadge: String
    let progressHeading: String
    let earned: String
    let sharesHeading: String
    let revokeShare: String
    let sharedTitle: String
    let sharedNothing: String
    let signInTitle: String
    let signInWith: String
    let signInOther: String
    let accessTitle: String
    let accessText: String
    let accessButton: String
    let valid: String
    let revoked: String
    let expired: String
    let unverifiable: String
    let checked: String
    let lastChecked: String
    /// "1 credential, shared 2026-09-01".
    let shareSummary: @Sendable (Int, String) -> String

    static let english = WalletStrings(
        walletTitle: "Your credentials",
        signOut: "Sign out",
        newShareLink: "Your new shared link (copy it now; it is shown only this once):",
        downloadAll: "Download all",
        downloadImages: "one ZIP of the baked badge images",
        downloadEDCI: "and the Europass EDCI files",
        issued: "issued",
        privateMark: "private",
        revokedMark: "revoked",
        makePublic: "Make public",
        makePrivate: "Make private",
        shareHeading: "Share a selection",
        makeLink: "Make a link",
        noCredentials: "You have no credentials yet. They appear here once you earn them.",
        externalHeading: "Badges from elsewhere",
        externalIntro:
            "Open Badges 2.0 badges other issuers gave you. badged verifies each one when you add it and again when you open this page; they count toward larger credentials that accept them, and are never shown on public pages or shared links.",
        remove: "Remove",
        notAdded: "This badge was not added:",
        externalURLLabel: "The badge's assertion URL",
        externalJWSLabel: "or its signed assertion (JWS)",
        externalImageLabel: "or its baked badge image (PNG or SVG)",
        addBadge: "Add badge",
        progressHeading: "Toward larger credentials",
        earned: "earned",
        sharesHeading: "Your shared links",
        revokeShare: "Revoke",
        sharedTitle: "Shared credentials",
        sharedNothing: "Nothing is shared by this link any more.",
        signInTitle: "Sign in to your credentials",
        signInWith: "Sign in with",
        signInOther: "You can also open your credentials from a course in your learning environment, or with an access link from your registrar.",
        accessTitle: "Open your credentials",
        accessText: "This link signs you in to your credentials once. It stops working after you use it.",
        accessButton: "Open my credentials",
        valid: "Valid",
        revoked: "Revoked",
        expired: "Expired",
        unverifiable: "Could not be verified just now",
        checked: "checked",
        lastChecked: "as last checked",
        shareSummary: { count, date in "\(count) credential\(count == 1 ? "" : "s"), shared \(date)" }
    )

    static let dutch = WalletStrings(
        walletTitle: "Je credentials",
        signOut: "Uitloggen",
        newShareLink: "Je nieuwe gedeelde link (kopieer hem nu; hij wordt maar één keer getoond):",
        downloadAll: "Alles downloaden",
        downloadImages: "één ZIP met de badge-afbeeldingen met ingebakken gegevens",
        downloadEDCI: "en de Europass EDCI-bestanden",
        issued: "uitgegeven",
        privateMark: "privé",
        revokedMark: "ingetrokken",
        makePublic: "Openbaar maken",
        makePrivate: "Privé maken",
        shareHeading: "Een selectie delen",
        makeLink: "Link maken",
        noCredentials: "Je hebt nog geen credentials. Ze verschijnen hier zodra je ze behaalt.",
        externalHeading: "Badges van elders",
        externalIntro:
            "Open Badges 2.0-badges die andere uitgevers je gaven. badged controleert elke badge als je hem toevoegt en opnieuw als je deze pagina opent; ze tellen mee voor grotere credentials die ze accepteren, en worden nooit getoond op openbare pagina's of gedeelde links.",
        remove: "Verwijderen",
        notAdded: "Deze badge is niet toegevoegd:",
        externalURLLabel: "De URL van de assertion van de badge",
        externalJWSLabel: "of de ondertekende assertion (JWS)",
        externalImageLabel: "of de badge-afbeelding met ingebakken gegevens (PNG of SVG)",
        addBadge: "Badge toevoegen",
        progressHeading: "Op weg naar grotere credentials",
        earned: "behaald",
        sharesHeading: "Je gedeelde links",
        revokeShare: "Intrekken",
        sharedTitle: "Gedeelde credentials",
        sharedNothing: "Via deze link wordt niets meer gedeeld.",
        signInTitle: "Inloggen bij je credentials",
        signInWith: "Inloggen met",
        signInOther: "Je kunt je credentials ook openen vanuit een cursus in je leeromgeving, of met een toegangslink van je studentenadministratie.",
        accessTitle: "Je credentials openen",
        accessText: "Met deze link log je één keer in bij je credentials. Na gebruik werkt hij niet meer.",
        accessButton: "Mijn credentials openen",
        valid: "Geldig",
        revoked: "Ingetrokken",
        expired: "Verlopen",
        unverifiable: "Kon nu niet worden gecontroleerd",
        checked: "gecontroleerd op",
        lastChecked: "laatst gecontroleerd op",
        shareSummary: { count, date in "\(count) credential\(count == 1 ? "" : "s"), gedeeld op \(date)" }
    )
}

extension PageLanguage {
    /// The student pages' texts in this language.
    var walletStrings: WalletStrings {
        switch self {
        case .en: .english
        case .nl: .dutch
        }
    }
}
