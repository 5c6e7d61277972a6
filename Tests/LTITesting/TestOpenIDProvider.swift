import Crypto
public import Foundation
import Hummingbird
import LTI
import Logging
public import Primitives
import Synchronization

/// A small OpenID Connect provider on 127.0.0.1 for tests: discovery, an authorization endpoint
/// that approves the configured user at once, a token endpoint checking the client secret, the
/// redirect URI and PKCE, and a JWKS with a real RSA key. ``Tampering`` makes it misbehave the
/// way a refused sign-in needs.
public final class TestOpenIDProvider: Sendable {
    /// What the next id_tokens get wrong.
    public struct Tampering: Sendable {
        /// The `alg` used: `RS256` (default), `none` or `HS256` (keyed with the client secret).
        public var algorithm = "RS256"
        /// An `aud` other than the client id.
        public var audience: String?
        /// A `nonce` other than the one the sign-in sent.
        public var nonce: String?
        /// An `iss` other than the provider's.
        public var issuer: String?
        /// Seconds the token lives (negative: already expired).
        public var lifetime: TimeInterval = 300

        /// No tampering.
        public init() {}
    }

    /// The client id and secret badged is registered with.
    public static let clientID = "badged-test-client"
    public static let clientSecret = "test-secret-of-badged"

    /// The issuer, `http://127.0.0.1:<port>`.
    public let issuer: String
    private let state: State

    private init(issuer: String, state: State) {
        self.issuer = issuer
        self.state = state
    }

    /// Runs a provider whose user has `claims` (besides iss, aud, exp, iat and nonce) for the duration of `body`.
    public static func withRunning<T: Sendable>(
        claims: [String: JSONValue],
        now: @escaping @Sendable () -> Date,
        _ body: @Sendable (TestOpenIDProvider) async throws -> T
    ) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let state = State(claims: claims, now: now, key: try ToolKey(kid: "op-key-1", pem: TestKeys.platformA))
        let router = Router()
        state.register(on: router)
        var logger = Logger(label: "test-openid-provider")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            let provider = TestOpenIDProvider(issuer: "http://127.0.0.1:\(port)", state: state)
            state.issuer.withLock { $0 = provider.issuer }
            do {
                let result = try await body(provider)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// Makes the next id_tokens misbehave.
    public func tamper(_ tampering: Tampering) {
        state.tampering.withLock { $0 = tampering }
    }

    /// How many token requests were answered with an id_token.
    public var tokensIssued: Int { state.tokensIssued.withLock { $0 } }
}

extension TestOpenIDProvider {
    final class State: Sendable {
        struct Grant: Sendable {
            let redirectURI: String
            let nonce: String
            let challenge: String
        }

        let claims: [String: JSONValue]
        let now: @Sendable () -> Date
        let key: ToolKey
        let issuer = Mutex("")
        let tampering = Mutex(Tampering())
        let grants = Mutex([String: Grant]())
        let tokensIssued = Mutex(0)

        init(claims: [String: JSONValue], now: @escaping @Sendable () -> Date, key: ToolKey) {
            self.claims = claims
            self.now = now
            self.key = key
        }

        func register(on router: Router<BasicRequestContext>) {
            router.get("/.well-known/openid-configuration") { _, _ in
                let base = self.issuer.withLock { $0 }
                return try Self.json([
                    "issuer": .string(base), "authorization_endpoint": .string(base + "/authorize"), "token_endpoint": .string(base + "/token"),
                    "jwks_uri": .string(base + "/jwks"), "code_challenge_methods_supported": .array([.string("S256")]),
                ])
            }
            router.get("/jwks") { _, _ in
                Response(
                    status: .ok,
                    headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: .init(bytes: try ToolKeySet(current: self.key).jwksJSON()))
                )
            }
            router.get("/authorize") { request, _ in
                let query = request.uri.queryParameters
                guard query.get("client_id") == TestOpenIDProvider.clientID, query.get("response_type") == "code",
                    query.get("code_challenge_method") == "S256", let redirect = query.get("redirect_uri"), let state = query.get("state"),
                    let nonce = query.get("nonce"), let challenge = query.get("code_challenge")
                else { return Response(status: .badRequest) }
                let code = UUID().uuidString
                self.grants.withLock { $0[code] = Grant(redirectURI: redirect, nonce: nonce, challenge: challenge) }
                var components = URLComponents(string: redirect)
                components?.queryItems = [URLQueryItem(name: "code", value: code), URLQueryItem(name: "state", value: state)]
                return Response(status: .found, headers: [.location: components?.url?.absoluteString ?? redirect])
            }
            router.post("/token") { request, context in
                let body = String(buffer: try await request.body.collect(upTo: 64 * 1024))
                var form = URLComponents()
                form.percentEncodedQuery = body
                let fields = Dictionary((form.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { first, _ in first }
                let basic = Data("\(TestOpenIDProvider.clientID):\(TestOpenIDProvider.clientSecret)".utf8).base64EncodedString()
                guard request.headers[.authorization] == "Basic " + basic, fields["grant_type"] == "authorization_code",
                    let code = fields["code"], let grant = self.grants.withLock({ $0.removeValue(forKey: code) }),
                    fields["redirect_uri"] == grant.redirectURI, let verifier = fields["code_verifier"],
                    Base64URL.encode(Array(SHA256.hash(data: Data(verifier.utf8)))) == grant.challenge
                else { return try Self.json(["error": "invalid_grant"], status: .badRequest) }
                let token = try await self.idToken(nonce: grant.nonce)
                self.tokensIssued.withLock { $0 += 1 }
                return try Self.json(["access_token": "opaque", "token_type": "Bearer", "id_token": .string(token)])
            }
        }

        func idToken(nonce: String) async throws -> String {
            let tampering = self.tampering.withLock { $0 }
            let now = self.now().timeIntervalSince1970
            var claims = self.claims
            claims["iss"] = .string(tampering.issuer ?? issuer.withLock { $0 })
            claims["aud"] = .string(tampering.audience ?? TestOpenIDProvider.clientID)
            claims["iat"] = .double(now.rounded(.down))
            claims["exp"] = .double((now + tampering.lifetime).rounded(.down))
            claims["nonce"] = .string(tampering.nonce ?? nonce)
            switch tampering.algorithm {
            case "none", "HS256":
                let header = Base64URL.encode(Array(#"{"alg":"\#(tampering.algorithm)","typ":"JWT"}"#.utf8))
                let payload = Base64URL.encode(Array(try JSONEncoder().encode(claims)))
                guard tampering.algorithm == "HS256" else { return header + "." + payload + "." }
                let mac = HMAC<SHA256>.authenticationCode(
                    for: Data((header + "." + payload).utf8),
                    using: SymmetricKey(data: Data(TestOpenIDProvider.clientSecret.utf8))
                )
                return header + "." + payload + "." + Base64URL.encode(Array(mac))
            default:
                return try await key.sign(claims)
            }
        }

        static func json(_ value: [String: JSONValue], status: HTTPResponse.Status = .ok) throws -> Response {
            Response(
                status: status,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: .init(bytes: try JSONEncoder().encode(value)))
            )
        }
    }
}
