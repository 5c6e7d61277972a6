public import BadgeCore
public import Foundation
public import LTI
import OpenBadges

/// The operator tasks behind `badged import`, `keys`, `award`, `revoke` and `platform`: each
/// one call, on ports only, so the commands stay thin and the tasks are tested without a
/// database as well as with one.
public struct Administration: Sendable {
    /// What the tasks work on.
    public struct Parts: Sendable {
        public var catalog: any CatalogStore
        public var apiKeys: any APIKeyStore
        public var platforms: any PlatformRegistrationStore
        public var awarder: Awarder
        public var revoker: Revoker
        public var erasure: RecipientErasure
        public var issuerKeys: IssuerKeyring
        /// Rotation with re-signing; without it a rotation only installs a new key.
        public var keyRotation: KeyRotation?
        /// The LTI tool's keyring; nil when tool keys are ephemeral (no `signing.key_encryption_key`).
        public var toolKeys: ToolKeyring?
        public var registrationLinks: LTIRegistrationLinks
        public var tokens: APITokens
        public var ids: any IDGenerator
        public var clock: any TimeSource

        /// Collects the parts.
        public init(
            catalog: any CatalogStore,
            apiKeys: any APIKeyStore,
            platforms: any PlatformRegistrationStore,
            awarder: Awarder,
            revoker: Revoker,
            erasure: RecipientErasure,
            issuerKeys: IssuerKeyring,
            toolKeys: ToolKeyring?,
            registrationLinks: LTIRegistrationLinks,
            tokens: APITokens,
            ids: any IDGenerator,
            clock: any TimeSource,
            keyRotation: KeyRotation? = nil
        ) {
            self.keyRotation = keyRotation
            self.catalog = catalog
            self.apiKeys = apiKeys
            self.platforms = platforms
            self.awarder = awarder
            self.revoker = revoker
            self.erasure = erasure
            self.issuerKeys = issuerKeys
            self.toolKeys = toolKeys
            self.registrationLinks = registrationLinks
            self.tokens = tokens
            self.ids = ids
            self.clock = clock
        }
    }

    private let parts: Parts
    private let institutions: InstitutionDirectory

    /// Creates the tasks over their parts.
    public init(_ parts: Parts) {
        self.parts = parts
        self.institutions = InstitutionDirectory(catalog: parts.catalog)
    }

    /// Imports a nested catalogue file (see `Samples/catalog/`) in one transaction.
    /// - Returns: the stored tree.
    public func importCatalog(_ data: Data) async throws -> CatalogTree {
        let tree = try CatalogTree(importing: data, ids: parts.ids, now: parts.clock.now())
        try await parts.catalog.insert(tree, by: "cli")
        return tree
    }

    /// Makes an API key and returns it with its token, which is shown once and never stored.
    /// - Parameters:
    ///   - institution: the institution's identifier (SCHAC home, such as `uva.nl`) or id; nil for operator keys.
    ///   - role: what the key may do.
    ///   - label: a name to tell keys apart.
    public func createKey(institution: String?, role: Role, label: String) async throws -> (key: APIKey, token: String) {
        var institutionID: UUID?
        if let institution { institutionID = try await institutions.liveInstitution(institution).id }
        let made = try parts.tokens.makeKey(institutionID: institutionID, role: role, label: label)
        try await parts.apiKeys.insert(made.key)
        return made
    }

    /// Revokes an API key; false if there is no such key.
    public func revokeKey(id: UUID) async throws -> Bool {
        try await parts.apiKeys.revokeKey(id: id, at: parts.clock.now())
    }

    /// Registers (or re-registers) an LTI 1.3 platform for an institution.
    /// - Parameter institution: the institution's identifier or id.
    public func registerPlatform(_ platform: Platform, institution: String) async throws {
        let institutionID = try await institutions.liveInstitution(institution).id
        try await parts.platforms.register(platform, institutionID: institutionID, id: parts.ids.makeID(), at: parts.clock.now())
    }

    /// Every registered LTI platform.
    public func registeredPlatforms() async throws -> [Platform] {
        try await parts.platforms.allPlatforms()
    }

    /// Awards a badge class to recipients (`badged award`), reporting progress after each chunk.
    /// - Returns: how many were created, already held, and failed (with reasons by line).
    public func award(
        badgeClassID: UUID,
        recipients: [Recipient],
        progress: (Int) -> Void
    ) async throws -> (created: Int, existing: Int, failures: [String]) {
        let badgeClass = try await parts.awarder.liveBadgeClass(id: badgeClassID)
        let results = try await parts.awarder.award(
            recipients.map { AwardInput(recipient: $0) },
            of: badgeClass,
            actor: "cli",
            failFast: false,
            progress: progress
        )
        let failures = results.filter { $0.status == "failed" }.map { "line \($0.index + 1): \($0.error ?? "invalid")" }
        return (results.count { $0.status == "created" }, results.count { $0.status == "existing" }, failures)
    }

    /// Revokes an assertion with a reason (1 to 500 characters).
    /// - Returns: false when there is no such assertion.
    public func revokeAssertion(id: UUID, reason: String) async throws -> Bool {
        do {
            _ = try await parts.revoker.revoke(id: id, reason: reason, actor: "cli")
            return true
        } catch let error as BadgeCoreError where error.code == .notFound {
            return false
        }
    }

    /// Erases what badged holds about a person in every institution (`badged recipients forget`).
    public func forgetRecipient(_ recipient: Recipient) async throws -> RecipientErasure.Result {
        try await parts.erasure.forget(recipient, institutionID: nil, actor: "cli")
    }

    /// Makes a new current signing key for an issuer and starts re-signing the issuer's signed,
    /// unrevoked assertions with it (``KeyRotation``); earlier keys stay published, unless
    /// `compromised`: then the previous key is revoked.
    /// - Returns: the new key's id.
    @discardableResult
    public func rotateIssuerKey(issuerID: UUID, compromised: Bool = false) async throws -> String {
        try await rotateIssuerKeyWithJob(issuerID: issuerID, compromised: compromised).keyID
    }

    /// ``rotateIssuerKey(issuerID:compromised:)`` with its re-signing job (nil without re-signing).
    public func rotateIssuerKeyWithJob(issuerID: UUID, compromised: Bool = false) async throws -> (keyID: String, job: ResigningJob?) {
        try await requireIssuer(issuerID)
        guard let rotation = parts.keyRotation else {
            guard !compromised else { throw IssuingError(.configuration, "revoking a compromised key needs the re-signing job store") }
            return (try await parts.issuerKeys.rotate(issuerID: issuerID).id, nil)
        }
        let rotated = try await rotation.rotate(issuerID: issuerID, reason: compromised ? .compromise : .routine, actor: "cli")
        return (rotated.keyID, rotated.job)
    }

    /// The issuer's key rotations and their re-signing progress, newest first.
    public func keyRotations(issuerID: UUID) async throws -> [ResigningJob] {
        try await requireIssuer(issuerID)
        return try await parts.keyRotation?.jobs(issuerID: issuerID) ?? []
    }

    /// Makes an imported RSA private key (PEM) the issuer's current signing key, with its X.509
    /// certificate chain when given (then EDCI exports carry that chain), and starts re-signing the
    /// issuer's signed assertions with it as a rotation does; earlier keys stay published.
    /// - Returns: the new key's id.
    public func importIssuerKey(issuerID: UUID, privateKeyPEM: String, chainPEM: String? = nil) async throws -> String {
        try await requireIssuer(issuerID)
        guard let rotation = parts.keyRotation else {
            return try await parts.issuerKeys.importKey(privateKeyPEM: privateKeyPEM, chainPEM: chainPEM, issuerID: issuerID).id
        }
        return try await rotation.importKey(privateKeyPEM: privateKeyPEM, chainPEM: chainPEM, issuerID: issuerID, actor: "cli").keyID
    }

    /// The tool's keys as every daemon publishes them (made on first use), or nil when keys are
    /// ephemeral (no `signing.key_encryption_key`).
    public func toolKeySet() async throws -> ToolKeySet? {
        try await parts.toolKeys?.keySet()
    }

    /// Makes a new current tool key. The previous key stays in `/lti/jwks`, so platforms that
    /// cached it keep verifying; new deep-linking responses and client assertions use the new kid.
    /// - Throws: ``IssuingError`` `.configuration` without `signing.key_encryption_key`.
    public func rotateToolKey() async throws -> ToolKey {
        guard let keyring = parts.toolKeys else {
            throw IssuingError.configuration("signing.key_encryption_key", "must be set to keep (and rotate) the LTI tool key")
        }
        _ = try await keyring.keySet()
        return try await keyring.rotate()
    }

    /// Makes a one-time LTI Dynamic Registration link for an institution.
    /// - Parameters:
    ///   - institution: the institution's identifier (such as `uva.nl`) or id.
    ///   - validFor: seconds until the link expires (one minute … seven days).
    /// - Returns: the URL to paste into the LMS and when it expires.
    public func makeRegistrationURL(institution: String, validFor: TimeInterval) async throws -> (url: String, expiresAt: Date) {
        let institutionID = try await institutions.liveInstitution(institution).id
        return try await parts.registrationLinks.make(institutionID: institutionID, validFor: validFor, now: parts.clock.now())
    }

    private func requireIssuer(_ id: UUID) async throws {
        guard try await parts.catalog.find(Issuer.self, id: id) != nil else {
            throw BadgeCoreError(.notFound, "no issuer with id \(id.uuidString.lowercased())", field: "issuer")
        }
    }
}
