public import BadgeCore
public import Foundation
public import OpenBadges

/// The badges from elsewhere in a student's wallet, each with a live status: when the wallet is
/// shown, every Open Badges 2.0 credential on the record is verified again with badged's own
/// verifier (its hosted assertion fetched, or its kept JWS checked against the issuer's key and
/// revocation list), at most ``Settings/concurrency`` at a time and all within
/// ``Settings/budget``. The last result of each is cached for ``Settings/cacheLifetime``, so a
/// page view is not one fetch per badge every time.
///
/// A revoked, expired or valid-again result is stored as the credential's status (stacking then
/// sees it); a check that could not verify the badge now (its issuer unreachable, say) leaves the
/// stored status as it is and says why.
public struct ExternalBadgeChecks<Fetcher: DocumentFetcher>: Sendable {
    /// One external credential as the wallet shows it.
    public struct Shown: Hashable, Sendable {
        /// The credential as stored (its status updated by this check).
        public let credential: ExternalCredential
        /// Its status.
        public let status: ExternalBadgeStatus
        /// When that status was found.
        public let checkedAt: Date
        /// Whether it was verified within ``Settings/cacheLifetime`` (false: the status is the one
        /// found when it was added or last checked, because it was not checked again now).
        public let isCurrent: Bool
        /// Why it is unverifiable, or revoked (the issuer's reason when it gave one).
        public let detail: String?
    }

    /// The bounds of the checks of one wallet view.
    public struct Settings: Hashable, Sendable {
        /// How long a result is reused (default 5 minutes).
        public var cacheLifetime: TimeInterval
        /// How many badges are verified at once (default 4).
        public var concurrency: Int
        /// The time every check of one view may take together (default 8 seconds); what is not
        /// checked by then shows its last known status.
        public var budget: Duration

        /// Creates settings; the defaults are badged's.
        public init(cacheLifetime: TimeInterval = 300, concurrency: Int = 4, budget: Duration = .seconds(8)) {
            self.cacheLifetime = cacheLifetime
            self.concurrency = concurrency
            self.budget = budget
        }
    }

    let store: any ExternalCredentialStore
    let stacker: Stacker?
    let makeVerifier: @Sendable (Duration) -> BadgeVerifier<Fetcher>
    let clock: any TimeSource
    let settings: Settings
    let cache: ExternalCheckCache

    /// Creates the use case.
    /// - Parameters:
    ///   - stacker: runs stacking when a check changes a stored status (nil: no stacking).
    ///   - makeVerifier: a verifier whose fetches end within the given time.
    ///   - cache: the results of earlier checks (one per daemon).
    public init(
        store: any ExternalCredentialStore,
        stacker: Stacker?,
        makeVerifier: @escaping @Sendable (Duration) -> BadgeVerifier<Fetcher>,
        clock: any TimeSource,
        settings: Settings = Settings(),
        cache: ExternalCheckCache = ExternalCheckCache()
    ) {
        self.store = store
        self.stacker = stacker
        self.makeVerifier = makeVerifier
        self.clock = clock
        self.settings = settings
        self.cache = cache
    }

    /// The recipient's external credentials, oldest first, each checked again unless it was
    /// checked within the cache lifetime.
    /// - Parameter recipient: the signed-in student; the identity is only matched against each
    ///   assertion's recipient, never stored or logged.
    public func shown(recipient: Recipient) async throws -> [Shown] {
        let credentials = try await store.credentials(recipientKey: recipient.key, limit: ExternalCredential.maximumPerRecipient)
        let now = clock.now()
        var results: [UUID: ExternalCheckCache.Entry] = [:]
        var due: [(ExternalCredential, VerificationInput)] = []
        for credential in credentials {
            if let entry = cache.entry(credential.id, recipientKey: recipient.key, notBefore: now.addingTimeInterval(-settings.cacheLifetime)) {
                results[credential.id] = entry
            } else if let input = Self.recheckInput(credential) {
                due.append((credential, input))
            }
        }
        for (id, entry) in await check(due, identity: recipient.identity) {
            results[id] = entry
            cache.store(entry, for: id)
        }
        var shown: [Shown] = []
        for var credential in credentials {
            guard let entry = results[credential.id] else {
                shown.append(
                    Shown(
                        credential: credential,
                        status: Self.status(credential.status),
                        checkedAt: credential.verifiedAt,
                        isCurrent: false,
                        detail: nil
                    )
                )
                continue
            }
            if let stored = entry.storedStatus, stored != credential.status {
                credential.status = stored
                // Whoever changes the stored status (this daemon or another) runs stacking once.
                if try await store.updateStatus(id: credential.id, recipientKey: recipient.key, status: stored, actor: Self.actor) {
                    try await restack(credential, recipient: recipient)
                }
            }
            shown.append(Shown(credential: credential, status: entry.status, checkedAt: entry.checkedAt, isCurrent: true, detail: entry.detail))
        }
        return shown
    }

    /// The recipient's external credentials with their stored statuses, checked again by no one.
    public func stored(recipientKey: String) async throws -> [Shown] {
        try await store.credentials(recipientKey: recipientKey, limit: ExternalCredential.maximumPerRecipient).map { credential in
            Shown(credential: credential, status: Self.status(credential.status), checkedAt: credential.verifiedAt, isCurrent: false, detail: nil)
        }
    }

    /// The audit actor of status changes found by a wallet's check.
    static var actor: String { "wallet-check" }

    /// Runs stacking after a stored status changed: a composite whose rule no longer holds with
    /// the credential revoked or expired is revoked or flagged per its rule (the reason says
    /// why); one valid again may complete a composite.
    private func restack(_ credential: ExternalCredential, recipient: Recipient) async throws {
        guard let stacker else { return }
        let actor = Stacker.actor(causedBy: credential.id)
        switch credential.status {
        case .valid: _ = try await stacker.run(recipient: recipient, containing: credential.component, actor: actor)
        case .revoked: _ = try await stacker.run(recipientKey: recipient.key, removed: credential, what: "was revoked by its issuer", actor: actor)
        case .expired: _ = try await stacker.run(recipientKey: recipient.key, removed: credential, what: "has expired", actor: actor)
        }
    }

    /// Remembers a credential just verified and added, so that the next view does not fetch it again.
    public func remember(_ credential: ExternalCredential) {
        cache.store(
            ExternalCheckCache.Entry(
                recipientKey: credential.recipientKey,
                status: Self.status(credential.status),
                detail: nil,
                checkedAt: credential.verifiedAt
            ),
            for: credential.id
        )
    }

    /// Forgets a removed credential's result.
    public func forget(_ id: UUID) {
        cache.remove(id)
    }

    /// Verifies each credential again, at most ``Settings/concurrency`` at once; those not
    /// started before the budget runs out are left out.
    private func check(_ due: [(ExternalCredential, VerificationInput)], identity: String) async -> [(UUID, ExternalCheckCache.Entry)] {
        guard !due.isEmpty else { return [] }
        let started = ContinuousClock.now
        let (budget, makeVerifier, clock) = (settings.budget, makeVerifier, clock)
        return await withTaskGroup(of: (UUID, ExternalCheckCache.Entry)?.self) { group in
            var pending = due[...]
            func startNext() {
                guard let (credential, input) = pending.popFirst() else { return }
                group.addTask {
                    let remaining = budget - (ContinuousClock.now - started)
                    guard remaining > .milliseconds(200) else { return nil }
                    let report = await makeVerifier(remaining).verify(input, recipient: identity)
                    return (credential.id, Self.entry(report, recipientKey: credential.recipientKey, at: clock.now()))
                }
            }
            for _ in 0..<max(settings.concurrency, 1) { startNext() }
            var checked: [(UUID, ExternalCheckCache.Entry)] = []
            while let result = await group.next() {
                if let result { checked.append(result) }
                startNext()
            }
            return checked
        }
    }

    /// What a report means for the wallet.
    static func entry(_ report: VerificationReport, recipientKey: String, at now: Date) -> ExternalCheckCache.Entry {
        let status: ExternalBadgeStatus
        var detail: String?
        switch report.result {
        case .valid where report.check(.recipient)?.status == .passed: status = .valid
        case .valid:
            status = .unverifiable
            detail = "it is not issued to you"
        case .revoked:
            status = .revoked
            detail = report.check(.revocation)?.detail
        case .expired: status = .expired
        case .invalid:
            status = .unverifiable
            let failure = report.checks.first { $0.status == .failed }
            detail = failure.map { "\($0.name) check failed: \($0.detail)" } ?? "a required check did not pass"
        }
        return ExternalCheckCache.Entry(recipientKey: recipientKey, status: status, detail: detail, checkedAt: now)
    }

    /// What to verify a credential again by: its kept source (a hosted assertion URL, a JWS or
    /// JSON publishing its recipient hashed), else its assertion id when that is a URL (a hosted
    /// assertion added from a baked image); nil for an EDCI import or a signed assertion whose
    /// JWS was not kept.
    static func recheckInput(_ credential: ExternalCredential) -> VerificationInput? {
        guard credential.kind == .ob2 else { return nil }
        if credential.source != credential.assertionID || Self.isWebURL(credential.source) { return .text(credential.source) }
        return Self.isWebURL(credential.assertionID) ? .text(credential.assertionID) : nil
    }

    package static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }

    static func status(_ stored: ExternalCredential.Status) -> ExternalBadgeStatus {
        switch stored {
        case .valid: .valid
        case .revoked: .revoked
        case .expired: .expired
        }
    }
}
