import BadgeCore
import BadgeIssuing
import OpenBadges

extension Services.Builder {
    /// Builds the issuing core: the public URLs and the Open Badges documents served under them,
    /// the issuer keyring (private keys sealed with the key-encryption key), and the awarder and
    /// revoker every other area issues and revokes through.
    /// - Throws: ``OpenBadgesError`` when `public.base_url` has a query or fragment.
    func signing() throws -> (urls: PublicURLs, documents: OpenBadgesDocuments, keyring: IssuerKeyring, awarder: Awarder, revoker: Revoker) {
        let urls = try PublicURLs(baseURL: configuration.publicBaseURL)
        let documents = OpenBadgesDocuments(urls: urls)
        let keyring = IssuerKeyring(store: stores.issuerKeys, encryption: encryption, ids: ids, clock: clock)
        let awarder = Awarder(
            catalog: stores.catalog,
            assertions: stores.assertions,
            keyring: keyring,
            documents: documents,
            hasher: RecipientHasher(),
            mode: configuration.signingMode,
            ids: ids,
            clock: clock
        )
        let revoker = Revoker(assertions: stores.assertions, clock: clock)
        return (urls, documents, keyring, awarder, revoker)
    }
}
