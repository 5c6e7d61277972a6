import BadgeCore
import BadgeIssuing
import OpenBadges

extension Services.Builder {
    /// Builds stacking: the administration of stacking rules, and the stacker that runs them after
    /// every stored and revoked assertion (awarding and revoking through `awarder` and `revoker`).
    func stacking(awarder: Awarder, revoker: Revoker, urls: PublicURLs) -> (stackingRules: StackingRules, stacker: Stacker) {
        let stackingRules = StackingRules(rules: stores.stackingRuleStore, catalog: stores.catalog, clock: clock)
        let stacker = Stacker(
            rules: stores.stackingRuleStore,
            catalog: stores.catalog,
            assertions: stores.assertions,
            awarder: awarder,
            revoker: revoker,
            urls: urls,
            clock: clock,
            externals: stores.externalCredentialStore
        )
        return (stackingRules, stacker)
    }

    /// Builds the OB 2.0 credentials from elsewhere on recipients' records: adding them (each
    /// verified through the guarded outbound client), and the live checks of their status that
    /// students' wallets show.
    func externalCredentials(
        stacker: Stacker
    ) -> (externalCredentials: ExternalCredentials<HTTPDocumentFetcher>, externalChecks: ExternalBadgeChecks<HTTPDocumentFetcher>) {
        let (client, policy, clock) = (client, policy, clock)
        // A fetcher per verification: its time budget starts with the verification.
        let externalCredentials = ExternalCredentials(
            store: stores.externalCredentialStore,
            stacker: stacker,
            makeVerifier: { BadgeVerifier(fetcher: HTTPDocumentFetcher(client: client, policy: policy), clock: clock) },
            ids: ids,
            clock: clock
        )
        // A wallet view's checks share one time budget: each fetcher gets what is left of it.
        let externalChecks = ExternalBadgeChecks(
            store: stores.externalCredentialStore,
            stacker: stacker,
            makeVerifier: { remaining in
                BadgeVerifier(
                    fetcher: HTTPDocumentFetcher(client: client, policy: policy, timeout: min(remaining, .seconds(5)), totalTimeout: remaining),
                    clock: clock
                )
            },
            clock: clock
        )
        return (externalCredentials, externalChecks)
    }
}
