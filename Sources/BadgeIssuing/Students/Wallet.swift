public import BadgeCore
public import Foundation
public import OpenBadges

/// A signed-in student's wallet: every credential their recipient key holds (of every
/// institution, revoked ones marked), which of them are private, their progress toward
/// composites, the files of "download all", and selections shared by link.
public struct Wallet: Sendable {
    /// One credential in the wallet.
    public struct Item: Hashable, Sendable {
        /// The assertion.
        public let assertion: Assertion
        /// The badge class's name in its own language.
        public let name: String
        /// The issuer's name.
        public let issuerName: String
        /// Whether its recipient made it private.
        public let isPrivate: Bool
        /// Its compact JWS, if it was signed.
        public let jws: String?
    }

    /// A file of the "download all" archive.
    public struct ArchiveFile: Hashable, Sendable {
        /// The path in the archive.
        public let path: String
        /// The content.
        public let data: Data

        /// Creates a file.
        public init(path: String, data: Data) {
            self.path = path
            self.data = data
        }
    }

    /// The most credentials a wallet lists and archives.
    public static let maximumItems = 1_000
    /// The most credentials one shared selection holds.
    public static let maximumShareItems = 100

    private let catalog: any CatalogStore
    private let assertions: any AssertionStore
    private let store: any WalletStore
    private let stacker: Stacker?
    private let documents: OpenBadgesDocuments
    private let mode: VerificationMode
    private let ids: any IDGenerator
    private let random: any RandomSource
    private let clock: any TimeSource

    /// Creates the use case.
    /// - Parameter mode: the daemon's verification mode (a class may override it), which decides
    ///   whether a baked image carries the hosted JSON or the JWS.
    public init(
        catalog: any CatalogStore,
        assertions: any AssertionStore,
        store: any WalletStore,
        stacker: Stacker?,
        documents: OpenBadgesDocuments,
        mode: VerificationMode,
        ids: any IDGenerator,
        random: any RandomSource,
        clock: any TimeSource
    ) {
        self.catalog = catalog
        self.assertions = assertions
        self.store = store
        self.stacker = stacker
        self.documents = documents
        self.mode = mode
        self.ids = ids
        self.random = random
        self.clock = clock
    }

    /// Every credential of a recipient key, newest first.
    public func items(recipientKey: String) async throws -> [Item] {
        let holdings = try await assertions.holdings(recipientKey: recipientKey, limit: Self.maximumItems)
        let hidden = try await store.privateAssertionIDs(recipientKey: recipientKey)
        var classes: [UUID: Record<BadgeClass>] = [:]
        var issuers: [UUID: String] = [:]
        var items: [Item] = []
        for stored in holdings.reversed() {
            let classID = stored.assertion.badgeClassID
            if classes[classID] == nil { classes[classID] = try await catalog.find(BadgeClass.self, id: classID) }
            let badgeClass = classes[classID]
            if let issuerID = badgeClass?.issuerID, issuers[issuerID] == nil, let language = badgeClass?.language {
                issuers[issuerID] = try await catalog.find(Issuer.self, id: issuerID)?.name.preferred(language) ?? ""
            }
            items.append(
                Item(
                    assertion: stored.assertion,
                    name: badgeClass.map { $0.name.preferred($0.language) } ?? "Badge",
                    issuerName: badgeClass.flatMap { issuers[$0.issuerID] } ?? "",
                    isPrivate: hidden.contains(stored.assertion.id),
                    jws: stored.jws
                )
            )
        }
        return items
    }

    /// The recipient's progress toward composites they have started, hold or satisfy (every institution's).
    public func progress(recipientKey: String) async throws -> [Stacker.Assessment] {
        guard let stacker else { return [] }
        return try await stacker.progress(recipientKey: recipientKey, institutionID: nil).filter { assessment in
            assessment.held != nil || assessment.verdict.isSatisfied || !assessment.verdict.counted.isEmpty
        }
    }

    /// Makes a credential of the recipient key private or public again.
    /// - Throws: ``BadgeCoreError`` `.notFound` when the key holds no such assertion.
    public func setPrivate(_ isPrivate: Bool, assertionID: UUID, recipientKey: String) async throws {
        guard try await store.setPrivate(isPrivate, assertionID: assertionID, recipientKey: recipientKey, at: clock.now()) else {
            throw BadgeCoreError(.notFound, "that credential is not in your wallet")
        }
    }

    /// Whether the public pages may show an assertion (false once its recipient made it private).
    public func isPublic(assertionID: UUID) async throws -> Bool {
        try await !store.isPrivate(assertionID: assertionID)
    }

    /// Shares a selection of the recipient's credentials by link.
    /// - Returns: the link's secret (kept only as a digest) and the share.
    /// - Throws: ``BadgeCoreError`` `.validation` for an empty or too long selection, or one
    ///   naming a credential the recipient does not hold.
    public func share(_ assertionIDs: [UUID], recipientKey: String) async throws -> (token: String, share: WalletShare) {
        var seen: Set<UUID> = []
        let selection = assertionIDs.filter { seen.insert($0).inserted }
        guard !selection.isEmpty, selection.count <= Self.maximumShareItems else {
            throw BadgeCoreError.invalid("assertion_id", "select 1 to \(Self.maximumShareItems) credentials to share")
        }
        let held = Set(try await assertions.holdings(recipientKey: recipientKey, limit: Self.maximumItems).map(\.assertion.id))
        guard selection.allSatisfy(held.contains) else {
            throw BadgeCoreError.invalid("assertion_id", "only credentials in your wallet can be shared")
        }
        let token = Digest.hex(random.bytes(32))
        let share = WalletShare(id: ids.makeID(), recipientKey: recipientKey, assertionIDs: selection, createdAt: clock.now())
        try await store.createShare(share, tokenHash: Digest.sha256Hex(token))
        return (token, share)
    }

    /// The recipient's unrevoked shares, newest first.
    public func shares(recipientKey: String) async throws -> [WalletShare] {
        try await store.shares(recipientKey: recipientKey)
    }

    /// Revokes a share of the recipient.
    /// - Throws: ``BadgeCoreError`` `.notFound` when the recipient has no such unrevoked share.
    public func revokeShare(id: UUID, recipientKey: String) async throws {
        guard try await store.revokeShare(id: id, recipientKey: recipientKey, at: clock.now()) else {
            throw BadgeCoreError(.notFound, "no such shared link")
        }
    }

    /// What a share link shows: the selected credentials the recipient still holds and keeps
    /// public, in the order chosen.
    /// - Returns: nil when the link is unknown or revoked.
    public func shared(token: String) async throws -> [Item]? {
        guard StudentAccess.isWellFormed(token), let share = try await store.share(tokenHash: Digest.sha256Hex(token)) else { return nil }
        let items = Dictionary(try await items(recipientKey: share.recipientKey).map { ($0.assertion.id, $0) }) { first, _ in first }
        return share.assertionIDs.compactMap { items[$0] }.filter { !$0.isPrivate }
    }

    /// The baked PNG of each credential (the JWS for signed ones, the hosted JSON otherwise),
    /// named `<badge name>-<assertion id>.png`; one too large to bake is left out.
    public func bakedImages(of items: [Item]) async throws -> [ArchiveFile] {
        var files: [ArchiveFile] = []
        let image = DefaultBadgeImage.png()
        for item in items {
            let badgeClass = try await catalog.find(BadgeClass.self, id: item.assertion.badgeClassID)
            // As the public image route bakes it: the JWS when there is one, else the JSON the
            // assertion's URL serves.
            var served = item.assertion
            if (badgeClass?.verificationMode ?? mode) != .signed { served.verification = .hosted }
            let payload = item.jws ?? String(decoding: documents.assertion(served).encoded(), as: UTF8.self)
            guard payload.utf8.count <= PNGBaker().maximumPayloadBytes else { continue }
            files.append(ArchiveFile(path: Self.fileName(item, extension: "png"), data: try PNGBaker().bake(image, payload: payload)))
        }
        return files
    }

    /// A file name for a credential: its badge name reduced to letters, digits and dashes, and its id.
    public static func fileName(_ item: Item, extension pathExtension: String) -> String {
        let slug = item.name.lowercased().map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII ? $0 : "-" }
        let trimmed = String(slug).split(separator: "-").joined(separator: "-").prefix(60)
        return (trimmed.isEmpty ? "badge" : String(trimmed)) + "-" + item.assertion.id.uuidString.lowercased() + "." + pathExtension
    }
}
