import BadgeCore
import BadgeIssuing

extension Services.Builder {
    /// Builds administration: erasure of a recipient from every store that holds them, and the
    /// admin use cases (catalogue, API keys, platforms, awards and revocations, issuer and tool
    /// keys with key rotation, registration links).
    func administration(
        awarder: Awarder,
        revoker: Revoker,
        keyring: IssuerKeyring,
        toolKeyring: ToolKeyring?,
        registrationLinks: LTIRegistrationLinks
    ) -> (erasure: RecipientErasure, administration: Administration) {
        let erasure = RecipientErasure(
            assertions: stores.assertions,
            imports: stores.edciImports,
            learners: stores.learners,
            events: stores.outcomeEvents,
            externals: stores.externalCredentialStore,
            studentSessions: stores.studentSessions,
            claims: stores.claimCodeStore,
            claimMails: stores.claimMailStore,
            clock: clock
        )
        let administration = Administration(
            .init(
                catalog: stores.catalog,
                apiKeys: stores.apiKeys,
                platforms: stores.platforms,
                awarder: awarder,
                revoker: revoker,
                erasure: erasure,
                issuerKeys: keyring,
                toolKeys: toolKeyring,
                registrationLinks: registrationLinks,
                tokens: APITokens(ids: ids, clock: clock, random: random),
                ids: ids,
                clock: clock,
                keyRotation: KeyRotation(keyring: keyring, jobs: stores.resigningJobs, catalog: stores.catalog)
            )
        )
        return (erasure, administration)
    }
}
