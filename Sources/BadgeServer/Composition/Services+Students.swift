import BadgeCore
import BadgeIssuing
import LTI
import OpenBadges
import SMTP

extension Services.Builder {
    /// Builds claims: claim codes and the claims made with them (awarded through `awarder`),
    /// claims by e-mail address confirmed through a sealed mailed link, reviewers of claims
    /// through reviewer access links, and the mail relay (nil, with claims by e-mail address
    /// off, when `mail.relay` is unset).
    func claims(
        awarder: Awarder
    ) -> (claimCodes: ClaimCodes, claimMail: ClaimMail, claimReviewers: ClaimReviewers, mailSender: (any MailSender)?) {
        let claimCodes = ClaimCodes(store: stores.claimCodeStore, awarder: awarder, random: random, ids: ids, clock: clock)
        let claimMail = ClaimMail(claims: claimCodes, store: stores.claimMailStore, encryption: encryption, ids: ids, clock: clock)
        let claimReviewers = ClaimReviewers(
            store: stores.studentSessions,
            claims: claimCodes,
            catalog: stores.catalog,
            random: random,
            ids: ids,
            clock: clock,
            lifetimes: configuration.studentLifetimes
        )
        let mailSender = configuration.mailRelay.map { SMTPMailSender(client: SMTPClient(configuration: $0), clock: clock, random: random) }
        return (claimCodes, claimMail, claimReviewers, mailSender)
    }

    /// Builds the students' side: their sessions and the entry tokens that start them, signing
    /// in with the configured OpenID Connect providers (through the guarded outbound client),
    /// and their wallets (with badges from elsewhere stacked through `stacker`).
    func students(stacker: Stacker, documents: OpenBadgesDocuments) -> (studentAccess: StudentAccess, studentSignIn: StudentSignIn, wallet: Wallet) {
        let studentAccess = StudentAccess(
            store: stores.studentSessions,
            spent: stores.replayGuard,
            assertions: stores.assertions,
            encryption: encryption,
            random: random,
            clock: clock,
            lifetimes: configuration.studentLifetimes
        )
        let base = configuration.publicBaseURL
        let studentSignIn = StudentSignIn(
            providers: configuration.studentProviders,
            client: OpenIDClient(client: client, policy: policy, clock: LTIClockAdapter(source: clock)),
            store: stores.studentSessions,
            access: studentAccess,
            random: random,
            clock: clock,
            redirectURI: { Route.walletOIDCCallback.url(baseURL: base, ["provider": $0]) }
        )
        let wallet = Wallet(
            catalog: stores.catalog,
            assertions: stores.assertions,
            store: stores.walletStore,
            stacker: stacker,
            documents: documents,
            mode: configuration.signingMode,
            ids: ids,
            random: random,
            clock: clock
        )
        return (studentAccess, studentSignIn, wallet)
    }
}
