import Foundation
import JWTKit
import LTI
import LTITesting
import Primitives
import Testing

@Suite("Rejected launches")
struct LaunchRejectionTests {
    /// Runs `body` against a Moodle (default) or Canvas test platform and expects the rejection `code`.
    func expectRejection<T>(
        _ code: LTIError.Code,
        on flavour: TestPlatform.Flavour = .moodle,
        _ body: @escaping @Sendable (LaunchHarness) async throws -> T
    ) async throws {
        try await TestPlatform.withRunning(flavour) { platform in
            let harness = await LaunchHarness(platform: platform)
            let error = await #expect(throws: LTIError.self) { _ = try await body(harness) }
            #expect(error?.code == code, "\(String(describing: error))")
        }
    }

    @Test func signatureByAnotherKeyIsRejected() async throws {
        try await expectRejection(.invalidSignature) { try await $0.launch(key: TestPlatform.otherKey, kid: "platform-key-1") }
    }

    @Test func unknownKeyIDIsRejectedAfterOneRefetch() async throws {
        try await TestPlatform.withRunning(.moodle) { platform in
            let harness = await LaunchHarness(platform: platform)
            _ = try await harness.launch()
            platform.clock.advance(by: 11)
            let error = await #expect(throws: LTIError.self) { try await harness.launch(key: TestPlatform.otherKey, kid: "rogue") }
            #expect(error?.code == .unknownKey)
            #expect(await platform.state.jwksFetches == 2)
            // A forged kid on a token older than the fresh set does not make the tool fetch again ...
            let iat = platform.clock.now().timeIntervalSince1970 - 20
            _ = await #expect(throws: LTIError.self) {
                try await harness.launch(key: TestPlatform.otherKey, kid: "rogue-2") { $0["iat"] = .double(iat) }
            }
            #expect(await platform.state.jwksFetches == 2)
            // ... and one on a token signed after it waits out the interval: one more fetch at most.
            _ = await #expect(throws: LTIError.self) { try await harness.launch(key: TestPlatform.otherKey, kid: "rogue-3") }
            #expect(await platform.state.jwksFetches == 3)
        }
    }

    @Test func unsignedTokenIsRejected() async throws {
        try await expectRejection(.unsecuredToken) { harness in
            let (_, state, nonce) = try await harness.login()
            let header = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64URL
            let claims = try JSONEncoder().encode(harness.platform.launchClaims(nonce: nonce)).base64URL
            _ = try await harness.validator.validate(LaunchForm(idToken: "\(header).\(claims).", state: state, stateCookie: state))
        }
    }

    @Test func hmacTokenSignedWithThePlatformPublicKeyIsRejected() async throws {
        try await expectRejection(.symmetricAlgorithm) { harness in
            let (_, state, nonce) = try await harness.login()
            // The classic confusion attack: HS256 keyed with the platform's public key.
            let publicPEM = try Insecure.RSA.PrivateKey(pem: TestKeys.platformA).publicKey.pemRepresentation
            let keys = await JWTKeyCollection().add(hmac: HMACKey(from: publicPEM), digestAlgorithm: .sha256, kid: "platform-key-1")
            let token = try await keys.sign(RawClaims(values: harness.platform.launchClaims(nonce: nonce)), kid: "platform-key-1")
            _ = try await harness.validator.validate(LaunchForm(idToken: token, state: state, stateCookie: state))
        }
    }

    /// Validates a token of `header` and `payload` JSON signed with the platform's own key.
    func validateSigned(header: String, payload: String, harness: LaunchHarness) async throws {
        let (_, state, _) = try await harness.login()
        let signingInput = Data(header.utf8).base64URL + "." + Data(payload.utf8).base64URL
        let keys = try await JWTKeyCollection().add(rsa: Insecure.RSA.PrivateKey(pem: TestKeys.platformA), digestAlgorithm: .sha256, kid: "k")
        let signature = try await keys.getKey(for: "k").sign(Array(signingInput.utf8))
        let token = signingInput + "." + Data(signature).base64URL
        _ = try await harness.validator.validate(LaunchForm(idToken: token, state: state, stateCookie: state))
    }

    @Test func payloadChangedAfterSigningIsRejected() async throws {
        try await expectRejection(.invalidSignature) { harness in
            let form = try await harness.launchForm()
            var parts = form.idToken.split(separator: ".").map(String.init)
            var claims = try JSONDecoder().decode([String: JSONValue].self, from: try #require(Data(base64URL: parts[1])))
            claims["https://purl.imsglobal.org/spec/lti/claim/roles"] = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"]
            parts[1] = try JSONEncoder().encode(claims).base64URL
            _ = try await harness.validator.validate(LaunchForm(idToken: parts.joined(separator: "."), state: form.state, stateCookie: form.state))
        }
    }

    @Test func signedPayloadThatIsNotAClaimsObjectIsRejected() async throws {
        for payload in [#"["not","claims"]"#, #"{"iss":"#, #"\u0000"#] {
            try await expectRejection(.malformedToken) { harness in
                try await validateSigned(header: #"{"alg":"RS256","kid":"platform-key-1"}"#, payload: payload, harness: harness)
            }
        }
    }

    @Test func headerThatIsNotAnObjectOfStringsIsRejected() async throws {
        for header in [#"{"alg":"RS256","kid":7}"#, #"{"alg":["RS256"],"kid":"platform-key-1"}"#, #"["RS256"]"#, #"{"alg":"RS256","#] {
            try await expectRejection(.malformedToken) { harness in
                try await validateSigned(header: header, payload: "{}", harness: harness)
            }
        }
        try await expectRejection(.unknownKey) { harness in
            try await validateSigned(header: #"{"alg":"RS256","kid":null}"#, payload: "{}", harness: harness)
        }
    }

    @Test func foreignIssuerIsRejected() async throws {
        try await expectRejection(.wrongIssuer) { try await $0.launch { $0["iss"] = "https://evil.example" } }
    }

    @Test func foreignAudienceIsRejected() async throws {
        try await expectRejection(.wrongAudience) { try await $0.launch { $0["aud"] = "someone-else" } }
    }

    @Test func audienceListWithForeignAuthorizedPartyIsRejected() async throws {
        try await expectRejection(.authorizedPartyMismatch, on: .canvas) { harness in
            try await harness.launch { claims in
                claims["aud"] = [.string(harness.platform.clientID), "other-client"]
                claims["azp"] = "other-client"
            }
        }
    }

    @Test func expiredTokenIsRejected() async throws {
        try await expectRejection(.expired) { harness in
            let now = harness.platform.clock.now().timeIntervalSince1970
            return try await harness.launch { $0["exp"] = .double(now - 61) }
        }
    }

    @Test func tokenIssuedInTheFutureIsRejected() async throws {
        try await expectRejection(.issuedInFuture) { harness in
            let now = harness.platform.clock.now().timeIntervalSince1970
            return try await harness.launch { $0["iat"] = .double(now + 120) }
        }
    }

    @Test func replayedLaunchIsRejected() async throws {
        try await expectRejection(.replayedNonce) { harness in
            let form = try await harness.launchForm()
            _ = try await harness.validator.validate(form)
            _ = try await harness.validator.validate(form)
        }
    }

    @Test func foreignNonceIsRejected() async throws {
        try await expectRejection(.nonceMismatch) { try await $0.launch { $0["nonce"] = "not-the-issued-nonce" } }
    }

    @Test func stateCookieOfAnotherLoginIsRejected() async throws {
        try await expectRejection(.stateMismatch) { try await $0.launch(cookie: .value("another-state")) }
    }

    @Test func missingStateCookieIsRejected() async throws {
        try await expectRejection(.stateMismatch, on: .canvas) { try await $0.launch(cookie: .missing) }
    }

    @Test func stateNeverIssuedIsRejected() async throws {
        try await expectRejection(.unknownState) { harness in
            let form = try await harness.launchForm()
            _ = try await harness.validator.validate(LaunchForm(idToken: form.idToken, state: "forged", stateCookie: "forged"))
        }
    }

    @Test func expiredLoginStateIsRejected() async throws {
        try await expectRejection(.unknownState) { harness in
            let form = try await harness.launchForm()
            harness.platform.clock.advance(by: 301)
            _ = try await harness.validator.validate(form)
        }
    }

    @Test func unregisteredDeploymentIsRejected() async throws {
        try await expectRejection(.unknownDeployment, on: .canvas) { try await $0.launch { $0[LTIClaim.deploymentID] = "18:ffff" } }
    }

    @Test func otherMessageTypeIsRejected() async throws {
        try await expectRejection(.wrongMessageType) { try await $0.launch(messageType: "LtiSubmissionReviewRequest") }
    }

    @Test func otherVersionIsRejected() async throws {
        try await expectRejection(.wrongVersion) { try await $0.launch { $0[LTIClaim.version] = "1.1.0" } }
    }

    @Test func resourceLinkLaunchWithoutResourceLinkIDIsRejected() async throws {
        try await expectRejection(.missingResourceLink) { try await $0.launch { $0[LTIClaim.resourceLink] = ["title": "no id"] } }
    }

    @Test func deepLinkingRequestWithoutSettingsIsRejected() async throws {
        try await expectRejection(.missingClaim) {
            try await $0.launch(messageType: "LtiDeepLinkingRequest") { $0[LTIClaim.deepLinkingSettings] = nil }
        }
    }

    @Test func garbageTokenIsRejected() async throws {
        try await expectRejection(.malformedToken) { harness in
            let (_, state, _) = try await harness.login()
            _ = try await harness.validator.validate(LaunchForm(idToken: "not.a.jwt", state: state, stateCookie: state))
        }
    }
}

struct RawClaims: JWTPayload {
    var values: [String: JSONValue]
    init(values: [String: JSONValue]) { self.values = values }
    init(from decoder: any Decoder) throws { values = try decoder.singleValueContainer().decode([String: JSONValue].self) }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

extension Data {
    init?(base64URL text: some StringProtocol) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }

    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
            of: "=",
            with: ""
        )
    }
}
