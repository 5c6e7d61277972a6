public import BadgeCore
public import BadgeIssuing
public import Configuration
import Foundation
public import Logging
public import SMTP

/// The daemon's settings, read from swift-configuration (command line > environment >
/// `Config/badged.json` > defaults). `Config/README.md` documents every key.
///
/// Keys:
/// - `http.host` (default `127.0.0.1`), `http.port` (default `8080`; `0` picks a free port)
/// - `http.max_body_size`: largest request body in bytes (default 1 MiB); larger bodies get 413
/// - `http.trusted_proxies`: addresses and CIDR ranges of reverse proxies whose `X-Forwarded-For`
///   names the client for per-client limits (default none: the socket peer is the client)
/// - `public.base_url`: the URL verifiers reach badged at (default `http://<host>:<port>`)
/// - `db.url` (secret: may hold a password): `sqlite:PATH` (default `sqlite:./.data/badged.sqlite`),
///   `sqlite::memory:` or `postgres://user:password@host:port/database`
/// - `log.level`: trace, debug, info (default), notice, warning, error, critical
/// - `signing.key_encryption_key` (secret): base64 of 32 bytes that seal issuer private keys at
///   rest; without it an ephemeral key is used and new signing keys are made after each restart
/// - `edci.schema_dir`: the directory of the EU's EDCI XSD set (EDCI export and import need it)
/// - `edci.trusted_ca_dir`: a directory of CA certificates (PEM or DER files); imports report
///   whether a signer's certificate chain reaches one of them (`signature_trust`)
/// - `signing.mode`: `hosted`, `signed` or `both` (default): how assertions can be verified
/// - `network.private_endpoint_allowlist`: `host` or `host:port` entries that outbound requests
///   (platform configurations, key sets, tokens) may reach on loopback or private addresses and
///   over plain http (default none)
/// - `lti.recipient_identity`: ordered `claim[:type]` list mapping launch claims to the recipient
///   (default `email`; see ``LTIRecipientMapping``)
/// - `lti.token_audience`: the `aud` of JWTs platforms sign for badged, such as pushed scores
///   (default the public base URL)
/// - `lti.sync.interval`: seconds between AGS result syncs of a watched line item (default 900;
///   0 syncs only on demand)
/// - `lti.sync.request_budget`: requests one sync may make to one platform (default 100)
/// - `students.session.lifetime`: seconds a student's session lasts however active (default
///   28800, 8 hours; 300 to 86400)
/// - `students.session.idle_timeout`: seconds of inactivity that end a session (default 1800;
///   60 up to the lifetime)
/// - `students.access_link.lifetime`: seconds an access link works when its issuer names none
///   (default 259200, 3 days; 60 to 604800)
/// - `students.oidc.providers` and `students.oidc.<id>.*`: OpenID Connect providers students sign
///   in with (see ``studentProviders(reader:)``)
public struct AppConfiguration: Sendable {
    /// The address to listen on.
    public var host: String
    /// The port to listen on; 0 picks a free one.
    public var port: Int
    /// The largest request body accepted, in bytes.
    public var maxBodySize: Int
    /// The public base URL, without a trailing slash.
    public var publicBaseURL: String
    /// The database URL (may contain a password: never log it).
    public var databaseURL: String
    /// The log level.
    public var logLevel: Logger.Level
    /// The key-encryption key for issuer private keys (base64), if configured.
    public var keyEncryptionKey: String?
    /// How assertions can be verified.
    public var signingMode: SigningMode
    /// The EDCI schema directory, if configured.
    public var edciSchemaDirectory: String?
    /// The directory of CA certificates EDCI imports' signers are judged against, if configured.
    public var edciTrustedCADirectory: String?
    /// How LTI launch claims become recipient identities.
    public var recipientMapping: LTIRecipientMapping
    /// `host` or `host:port` entries outbound requests may reach on private addresses or over http.
    public var privateEndpointAllowlist: [String]
    /// The `aud` of JWTs platforms sign for badged.
    public var tokenAudience: String
    /// Seconds between result syncs of a watched line item; 0 for on demand only.
    public var syncInterval: Int
    /// Requests one sync may make to one platform.
    public var syncRequestBudget: Int
    /// How long student sessions and entry tokens live.
    public var studentLifetimes: StudentAccess.Lifetimes
    /// The OpenID Connect providers students sign in with.
    public var studentProviders: [StudentSignIn.Provider]
    /// The reverse proxies whose `X-Forwarded-For` is believed.
    var trustedProxies: TrustedProxies
    /// Claims with a code one client address may make at once (the token bucket's size).
    public var claimBurst: Int
    /// Claims per minute a client address gets back after its burst.
    public var claimsPerMinute: Int
    /// The mail relay for claims by e-mail address; nil turns them off.
    public var mailRelay: SMTPConfiguration?

    /// How badged's assertions can be verified (a badge class may override it).
    public typealias SigningMode = VerificationMode

    /// Reads and validates the settings.
    /// - Throws: ``BadgeServerError`` `.configuration` naming the key of an invalid value.
    public init(reader: ConfigReader) throws(BadgeServerError) {
        host = reader.string(forKey: "http.host", default: "127.0.0.1")
        port = reader.int(forKey: "http.port", default: 8080)
        guard (0...65_535).contains(port) else { throw .configuration("http.port", "must be a port number from 0 to 65535") }
        maxBodySize = reader.int(forKey: "http.max_body_size", default: 1_048_576)
        guard (1_024...(64 * 1_048_576)).contains(maxBodySize) else {
            throw .configuration("http.max_body_size", "must be between 1024 bytes and 64 MiB")
        }
        trustedProxies = try TrustedProxies(reader.stringArray(forKey: "http.trusted_proxies", default: []))
        let defaultBase = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        var base = reader.string(forKey: "public.base_url", default: defaultBase)
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw .configuration("public.base_url", "must be an absolute http(s) URL")
        }
        publicBaseURL = base
        databaseURL = reader.string(forKey: "db.url", isSecret: true, default: "sqlite:./.data/badged.sqlite")
        let level = reader.string(forKey: "log.level", default: "info")
        guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
            throw .configuration("log.level", "must be one of trace, debug, info, notice, warning, error, critical")
        }
        logLevel = parsed
        keyEncryptionKey = reader.string(forKey: "signing.key_encryption_key", isSecret: true)
        let mode = reader.string(forKey: "signing.mode", default: "both")
        guard let signingMode = SigningMode(rawValue: mode) else {
            throw .configuration("signing.mode", "must be hosted, signed or both")
        }
        self.signingMode = signingMode
        edciSchemaDirectory = reader.string(forKey: "edci.schema_dir")
        edciTrustedCADirectory = reader.string(forKey: "edci.trusted_ca_dir")
        if let directory = edciTrustedCADirectory, directory.isEmpty || directory.utf8.count > 4096 {
            throw .configuration("edci.trusted_ca_dir", "must be a directory path")
        }
        privateEndpointAllowlist = reader.stringArray(forKey: "network.private_endpoint_allowlist", default: [])
            .flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard privateEndpointAllowlist.count <= 100, privateEndpointAllowlist.allSatisfy({ $0.count <= 255 && !$0.contains("/") }) else {
            throw .configuration("network.private_endpoint_allowlist", "must list at most 100 host or host:port entries")
        }
        tokenAudience = reader.string(forKey: "lti.token_audience", default: publicBaseURL)
        guard !tokenAudience.isEmpty, tokenAudience.count <= 1024 else { throw .configuration("lti.token_audience", "must be 1 to 1024 characters") }
        syncInterval = reader.int(forKey: "lti.sync.interval", default: 900)
        guard syncInterval == 0 || (10...86_400).contains(syncInterval) else {
            throw .configuration("lti.sync.interval", "must be 0 (on demand only) or 10 to 86400 seconds")
        }
        syncRequestBudget = reader.int(forKey: "lti.sync.request_budget", default: 100)
        guard (1...100_000).contains(syncRequestBudget) else { throw .configuration("lti.sync.request_budget", "must be 1 to 100000") }
        let sessionLifetime = reader.int(forKey: "students.session.lifetime", default: 28_800)
        guard (300...86_400).contains(sessionLifetime) else { throw .configuration("students.session.lifetime", "must be 300 to 86400 seconds") }
        let idle = reader.int(forKey: "students.session.idle_timeout", default: min(1_800, sessionLifetime))
        guard (60...sessionLifetime).contains(idle) else {
            throw .configuration("students.session.idle_timeout", "must be 60 seconds up to students.session.lifetime")
        }
        let accessLink = reader.int(forKey: "students.access_link.lifetime", default: 259_200)
        guard (60...604_800).contains(accessLink) else { throw .configuration("students.access_link.lifetime", "must be 60 to 604800 seconds") }
        studentProviders = try Self.studentProviders(reader: reader)
        claimBurst = reader.int(forKey: "claims.rate_limit.burst", default: 10)
        guard (1...10_000).contains(claimBurst) else { throw .configuration("claims.rate_limit.burst", "must be 1 to 10000") }
        claimsPerMinute = reader.int(forKey: "claims.rate_limit.per_minute", default: 10)
        guard (1...60_000).contains(claimsPerMinute) else { throw .configuration("claims.rate_limit.per_minute", "must be 1 to 60000") }
        mailRelay = try Self.mailRelay(reader: reader)
        studentLifetimes = StudentAccess.Lifetimes(
            session: TimeInterval(sessionLifetime),
            idle: TimeInterval(idle),
            accessLink: TimeInterval(accessLink)
        )
        do {
            recipientMapping = try LTIRecipientMapping(
                entries: reader.stringArray(forKey: "lti.recipient_identity", default: LTIRecipientMapping.defaultEntries)
            )
        } catch {
            throw BadgeServerError(.configuration, error.message, field: error.field)
        }
    }
}
