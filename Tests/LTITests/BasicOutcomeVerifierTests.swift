import Foundation
import LTI
import LTITesting
import Testing

@Suite("Rejected LTI 1.1 Basic Outcomes requests")
struct BasicOutcomeVerifierTests {
    static let secret = "s3cr3t-value"
    static let nonce = "nonce-7f3a9c"
    static let body = Data(#"<imsx_POXEnvelopeRequest xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0"/>"#.utf8)
    static let url = URL(string: "https://badges.example.edu/lti11/outcomes?course=42")!  // A literal, valid URL.
    static let now = Date(timeIntervalSince1970: 1_764_619_200)

    let nonces = InMemoryOAuthNonceGuard(clock: FixedClock(Self.now))

    static func sign(
        key: String = "moodle-key",
        secret: String = Self.secret,
        method: String = "POST",
        url: URL = Self.url,
        body: Data = Self.body,
        nonce: String = Self.nonce,
        at date: Date = Self.now
    ) throws -> String {
        try OAuth1Signer(consumerKey: key, consumerSecret: secret).authorization(method: method, url: url, body: body, nonce: nonce, timestamp: date)
    }

    @discardableResult
    func verify(_ header: String?, method: String = "POST", url: URL = Self.url, body: Data = Self.body) async throws -> String {
        try await OAuth1Verifier(nonces: nonces).verify(method: method, url: url, authorization: header, body: body, now: Self.now) { key in
            ["moodle-key": Self.secret, "canvas-key": Self.secret, "empty-key": ""][key]
        }
    }

    /// Expects the rejection `code`, with a message that repeats neither the secret, the nonce nor the signature.
    func expectRejection(_ code: LTIError.Code, _ header: String?, method: String = "POST", url: URL = Self.url, body: Data = Self.body) async {
        let error = await #expect(throws: LTIError.self) { try await verify(header, method: method, url: url, body: body) }
        #expect(error?.code == code, "\(String(describing: error))")
        let message = error.map { "\($0) \($0.message)" } ?? ""
        #expect(!message.contains(Self.secret) && !message.contains(Self.nonce))
        if let signature = header?.firstMatch(of: /oauth_signature="([^"]+)"/)?.1 {
            #expect(!message.contains(signature))
        }
    }

    @Test func tamperedBodyIsRejected() async throws {
        await expectRejection(.bodyHashMismatch, try Self.sign(), body: Self.body + Data(" ".utf8))
    }

    @Test func tamperedURLIsRejected() async throws {
        let header = try Self.sign()
        await expectRejection(.invalidSignature, header, url: try #require(URL(string: "https://badges.example.edu/lti11/outcomes?course=43")))
        await expectRejection(.invalidSignature, header, url: try #require(URL(string: "https://badges.example.edu/lti11/other?course=42")))
        await expectRejection(.invalidSignature, header, url: try #require(URL(string: "https://badges.example.edu:8443/lti11/outcomes?course=42")))
    }

    @Test func tamperedMethodIsRejected() async throws {
        await expectRejection(.invalidSignature, try Self.sign(), method: "PUT")
    }

    @Test func wrongSecretIsRejected() async throws {
        await expectRejection(.invalidSignature, try Self.sign(secret: "guessed"))
    }

    @Test func tamperedTimestampIsRejected() async throws {
        let header = try Self.sign().replacingOccurrences(of: "oauth_timestamp=\"1764619200\"", with: "oauth_timestamp=\"1764619201\"")
        await expectRejection(.invalidSignature, header)
    }

    @Test func unknownConsumerIsRejected() async throws {
        await expectRejection(.unknownConsumer, try Self.sign(key: "rogue-key"))
        await expectRejection(.unknownConsumer, try Self.sign(key: "empty-key", secret: ""))
    }

    @Test(arguments: [-301.0, 301.0, -86_400.0])
    func timestampOutsideTheWindowIsRejected(offset: TimeInterval) async throws {
        await expectRejection(.staleTimestamp, try Self.sign(at: Self.now.addingTimeInterval(offset)))
    }

    @Test(arguments: [-300.0, 300.0])
    func timestampAtTheWindowEdgeIsAccepted(offset: TimeInterval) async throws {
        #expect(try await verify(try Self.sign(at: Self.now.addingTimeInterval(offset))) == "moodle-key")
    }

    @Test func replayedNonceIsRejected() async throws {
        let header = try Self.sign()
        try await verify(header)
        await expectRejection(.replayedNonce, header)
        // The same nonce from another consumer is that consumer's first use.
        #expect(try await verify(try Self.sign(key: "canvas-key")) == "canvas-key")
    }

    @Test func badlySignedRequestsDoNotRecordTheirNonce() async throws {
        await expectRejection(.invalidSignature, try Self.sign(secret: "guessed"))
        await expectRejection(.bodyHashMismatch, try Self.sign(), body: Data())
        await expectRejection(.staleTimestamp, try Self.sign(at: Self.now.addingTimeInterval(-3_600)))
        #expect(await nonces.count == 0)
        try await verify(try Self.sign())
        #expect(await nonces.count == 1)
    }

    @Test(arguments: [nil, "", "Bearer abc", "OAuth", "OAuth ", "OAuth oauth_nonce=unquoted", #"OAuth oauth_nonce="open"#, #"OAuth a="1" b="2""#])
    func malformedHeaderIsRejected(header: String?) async {
        await expectRejection(.invalidRequest, header)
    }

    @Test func badPercentEscapeIsRejected() async throws {
        let header = try Self.sign().replacingOccurrences(of: "oauth_nonce=\"", with: "oauth_nonce=\"%G1")
        await expectRejection(.invalidRequest, header)
    }

    @Test func otherSignatureMethodIsRejected() async throws {
        let header = try Self.sign().replacingOccurrences(of: "HMAC-SHA1", with: "PLAINTEXT")
        await expectRejection(.unsupportedSignatureMethod, header)
    }

    @Test func otherVersionIsRejected() async throws {
        await expectRejection(.invalidRequest, try Self.sign().replacingOccurrences(of: "oauth_version=\"1.0\"", with: "oauth_version=\"2.0\""))
    }

    @Test(arguments: ["oauth_consumer_key", "oauth_nonce", "oauth_timestamp", "oauth_signature", "oauth_body_hash", "oauth_signature_method"])
    func missingParameterIsRejected(name: String) async throws {
        let header = try Self.sign().replacing(try Regex("\(name)=\"[^\"]*\", ?"), with: "").replacing(try Regex(", \(name)=\"[^\"]*\""), with: "")
        #expect(!header.contains("\(name)="))
        let error = await #expect(throws: LTIError.self) { try await verify(header) }
        #expect(error?.code == .invalidRequest)
        #expect(error?.field == name)
    }

    @Test func repeatedParameterIsRejected() async throws {
        await expectRejection(.invalidRequest, try Self.sign() + #", oauth_nonce="other""#)
    }

    @Test func nonNumericTimestampIsRejected() async throws {
        await expectRejection(.invalidRequest, try Self.sign().replacingOccurrences(of: "1764619200", with: "-1764619200"))
    }

    @Test func overlongNonceIsRejected() async throws {
        let nonce = String(repeating: "n", count: OAuth1Verifier.maximumNonceLength + 1)
        await expectRejection(.invalidRequest, try Self.sign(nonce: nonce))
        #expect(try await verify(try Self.sign(nonce: String(repeating: "n", count: OAuth1Verifier.maximumNonceLength))) == "moodle-key")
    }

    @Test func oversizedHeaderIsRejected() async throws {
        await expectRejection(.invalidRequest, try Self.sign() + #", realm=""# + String(repeating: "x", count: 4_096) + #"""#)
    }

    @Test func headerWithTooManyParametersIsRejected() async throws {
        let extra = (1...26).map { #", x\#($0)="""# }.joined()
        await expectRejection(.invalidRequest, try Self.sign() + extra)
        // 7 signed parameters + 25 others is exactly the limit.
        #expect(try await verify(try Self.sign() + (1...25).map { #", x\#($0)="""# }.joined()) == "moodle-key")
    }

    @Test func nonceGuardForgetsExpiredNonces() async {
        let clock = FixedClock(Self.now)
        let memory = InMemoryOAuthNonceGuard(clock: clock)
        #expect(await memory.firstUse(consumerKey: "k", nonce: "n", expiresAt: Self.now.addingTimeInterval(300)))
        #expect(await memory.firstUse(consumerKey: "k", nonce: "n", expiresAt: Self.now.addingTimeInterval(300)) == false)
        clock.advance(by: 301)
        #expect(await memory.firstUse(consumerKey: "k", nonce: "other", expiresAt: clock.now().addingTimeInterval(300)))
        #expect(await memory.count == 1)
    }
}
