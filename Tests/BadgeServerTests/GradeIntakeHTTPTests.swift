import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import LTI
import LTITesting
import NIOCore
import Primitives
import Testing

/// Pushed scores and LTI 1.1 outcomes through the daemon: accepted when signed by the platform
/// (or the consumer), and refused with a 4xx, storing nothing, when unsigned, expired,
/// replayed, misaddressed, oversized or for an item no rule watches.
@Suite("Pushed scores and LTI 1.1 outcomes", .heavyLane)
struct GradeIntakeHTTPTests {
    static func scoreToken(
        _ platform: TestPlatform,
        jti: String,
        aud: String = "https://badges.test",
        lifetime: Double = 60,
        key: ToolKey? = nil
    )
        async throws -> String
    {
        let now = platform.clock.now().timeIntervalSince1970
        return try await platform.idToken(
            [
                "iss": .string(platform.issuer), "sub": .string(platform.clientID), "aud": .string(aud), "exp": .double(now + lifetime),
                "iat": .double(now), "jti": .string(jti),
            ],
            key: key
        )
    }

    static func score(_ user: String, _ given: Double, of maximum: Double = 10) -> String {
        #"{"userId": "\#(user)", "scoreGiven": \#(given), "scoreMaximum": \#(maximum), "timestamp": "2026-09-01T09:00:00.000Z", "#
            + #""activityProgress": "Completed", "gradingProgress": "FullyGraded"}"#
    }

    static func push(
        _ browser: LTIBrowser,
        token: String?,
        body: String,
        query: String? = nil,
        contentType: String = AGSClient.scoreType
    )
        async throws -> TestResponse
    {
        let query =
            query
            ?? "?context_id=course-7&line_item=\(browser.platform.lineItemURL.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        var headers: HTTPFields = [.contentType: contentType]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await browser.client.execute(uri: "/lti/scores" + query, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test(arguments: GradesToBadgesTests.flavours)
    func aPushedScoreSignedByThePlatformIssuesOnceAndForgeriesAreRefused(flavour: TestPlatform.Flavour) async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(flavour) { browser, fixture in
            _ = try await GradesToBadgesTests.createRule(browser, fixture)
            // The student's launch maps user-42 to ada@example.edu.
            #expect(try await browser.launch(.student).status == .ok)
            let platform = browser.platform

            let accepted = try await Self.push(browser, token: try await Self.scoreToken(platform, jti: "j-1"), body: Self.score("user-42", 8))
            #expect(accepted.status == .ok, "\(accepted.text)")
            #expect(accepted.json["decision"] as? String == "awarded")
            #expect((accepted.json["assertion_url"] as? String)?.hasPrefix("https://badges.test/public/assertions/") == true)

            let refusals: [(String, TestResponse, HTTPResponse.Status, String?)] = [
                (
                    "replayed", try await Self.push(browser, token: try await Self.scoreToken(platform, jti: "j-1"), body: Self.score("user-42", 9)),
                    .unauthorized, "replayed_nonce"
                ),
                ("unsigned", try await Self.push(browser, token: nil, body: Self.score("user-42", 9)), .badRequest, "invalid_request"),
                (
                    "misaddressed",
                    try await Self.push(
                        browser,
                        token: try await Self.scoreToken(platform, jti: "j-2", aud: "https://other.test"),
                        body: Self.score("user-42", 9)
                    ), .unauthorized, "wrong_audience"
                ),
                (
                    "expired",
                    try await Self.push(
                        browser,
                        token: try await Self.scoreToken(platform, jti: "j-3", lifetime: -120),
                        body: Self.score("user-42", 9)
                    ), .unauthorized, "expired"
                ),
                (
                    "long-lived",
                    try await Self.push(
                        browser,
                        token: try await Self.scoreToken(platform, jti: "j-4", lifetime: 86_400),
                        body: Self.score("user-42", 9)
                    ), .unauthorized, "expired"
                ),
                (
                    "forged",
                    try await Self.push(
                        browser,
                        token: try await Self.scoreToken(platform, jti: "j-5", key: try EphemeralToolKey.make(kid: TestPlatform.keyA.kid)),
                        body: Self.score("user-42", 9)
                    ), .unauthorized, "invalid_signature"
                ),
                (
                    "unwatched",
                    try await Self.push(
                        browser,
                        token: try await Self.scoreToken(platform, jti: "j-6"),
                        body: Self.score("user-42", 9),
                        query: "?context_id=course-7&line_item=https://elsewhere.test/items/1"
                    ), .notFound, nil
                ),
                (
                    "malformed",
                    try await Self.push(browser, token: try await Self.scoreToken(platform, jti: "j-7"), body: #"{"userId": "user-42"}"#),
                    .unprocessableContent, nil
                ),
                (
                    "oversized",
                    try await Self.push(
                        browser,
                        token: try await Self.scoreToken(platform, jti: "j-8"),
                        body: String(repeating: " ", count: 20_000) + Self.score("user-42", 9)
                    ), .contentTooLarge, nil
                ),
                (
                    "wrong type",
                    try await Self.push(
                        browser,
                        token: try await Self.scoreToken(platform, jti: "j-9"),
                        body: Self.score("user-42", 9),
                        contentType: "text/plain"
                    ), .unsupportedMediaType, nil
                ),
            ]
            for (name, response, status, code) in refusals {
                #expect(response.status == status, "\(name): \(response.text)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(name)")
                if let code { #expect(response.json["code"] as? String == code, "\(name): \(response.text)") }
            }
            // Only the accepted grade was recorded.
            #expect(try await GradesToBadgesTests.events(browser, fixture).count == 1)
            // A passing grade of a mapped student that arrives again, unchanged, does nothing.
            let same = try await Self.push(browser, token: try await Self.scoreToken(platform, jti: "j-10"), body: Self.score("user-42", 8))
            #expect(same.json["status"] as? String == "unchanged")
        }
    }

    @Test func lti11OutcomesAreVerifiedAndAnsweredInTheEnvelope() async throws {
        // The consumer secret is sealed by the admin session and opened by the daemon: one key-encryption key.
        let kek: ConfigValue = .init(.string(KeyRotationTests.kek), isSecret: true)
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(.moodle, configuration: ["signing.key_encryption_key": kek]) { browser, fixture in
            let ruleID = try await GradesToBadgesTests.createRule(browser, fixture, condition: #"{"type": "score_ratio", "threshold": 0.55}"#)
            #expect(try await browser.launch(.student).status == .ok)
            let reader = ConfigReader(
                provider: InMemoryProvider(values: ["db.url": .init(.string(fixture.databaseURL), isSecret: true), "signing.key_encryption_key": kek])
            )
            let session = try await AdminSession.open(reader: reader, logger: TestDatabases.logger)
            let secret: String
            do {
                secret = try await session.outcomes.createBasicOutcomeConsumer(key: "grader-1", institution: LTIBrowser.institution)
                try await session.close()
            } catch {
                try? await session.close()
                throw error
            }
            let handout = try await browser.client.send(.get, "/api/v1/outcome-rules/\(ruleID)/sourcedid?user_id=user-42", key: fixture.registrarKey)
            let sourcedID = try #require(handout.json["lis_result_sourcedid"] as? String)
            #expect(handout.json["lis_outcome_service_url"] as? String == "https://badges.test/lti/outcomes")
            let signer = OAuth1Signer(consumerKey: "grader-1", consumerSecret: secret)
            let url = try #require(URL(string: "https://badges.test/lti/outcomes"))
            func post(_ xml: String, nonce: String, signer: OAuth1Signer = signer, tamper: Bool = false) async throws -> TestResponse {
                let body = Data(xml.utf8)
                let authorization = try signer.authorization(
                    method: "POST",
                    url: url,
                    body: body,
                    nonce: nonce,
                    timestamp: browser.platform.clock.now()
                )
                let sent = tamper ? Data((xml + " ").utf8) : body
                return try await browser.client.execute(
                    uri: "/lti/outcomes",
                    method: .post,
                    headers: [.contentType: "application/xml", .authorization: authorization],
                    body: ByteBuffer(bytes: sent)
                )
            }
            let replaced = try await post(Self.pox("replaceResult", sourcedID: sourcedID, score: "0.9"), nonce: "n-1")
            #expect(replaced.status == .ok)
            #expect(replaced.text.contains("<imsx_codeMajor>success</imsx_codeMajor>"), "\(replaced.text)")
            let awarded = try await GradesToBadgesTests.events(browser, fixture, query: "?decision=awarded")
            #expect(awarded.count == 1)
            #expect(awarded.first?["source"] as? String == "lti11_outcome")

            let outOfRange = try await post(Self.pox("replaceResult", sourcedID: sourcedID, score: "1.5"), nonce: "n-2")
            #expect(outOfRange.status == .ok)
            #expect(outOfRange.text.contains("<imsx_codeMajor>failure</imsx_codeMajor>"))
            let read = try await post(Self.pox("readResult", sourcedID: sourcedID), nonce: "n-3")
            #expect(read.text.contains("<textString>0.9</textString>"), "\(read.text)")
            let altered = try await post(Self.pox("replaceResult", sourcedID: sourcedID + "x", score: "0.2"), nonce: "n-4")
            #expect(altered.text.contains("<imsx_codeMajor>failure</imsx_codeMajor>"))

            let replayed = try await post(Self.pox("replaceResult", sourcedID: sourcedID, score: "0.3"), nonce: "n-1")
            #expect(replayed.status == .unauthorized)
            let wrongSecret = try await post(
                Self.pox("replaceResult", sourcedID: sourcedID, score: "0.3"),
                nonce: "n-5",
                signer: OAuth1Signer(consumerKey: "grader-1", consumerSecret: "guess")
            )
            #expect(wrongSecret.status == .unauthorized)
            let tampered = try await post(Self.pox("replaceResult", sourcedID: sourcedID, score: "0.3"), nonce: "n-6", tamper: true)
            #expect(tampered.status == .unauthorized)
            let entity = try await post(#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>"#, nonce: "n-7")
            #expect(entity.status == .badRequest)
            // Refused messages stored nothing: one recorded grade.
            #expect(try await GradesToBadgesTests.events(browser, fixture).count == 1)
        }
    }

    static func pox(_ operation: String, sourcedID: String, score: String? = nil) -> String {
        let result = score.map { "<result><resultScore><language>en</language><textString>\($0)</textString></resultScore></result>" } ?? ""
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <imsx_POXEnvelopeRequest xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0">
              <imsx_POXHeader><imsx_POXRequestHeaderInfo><imsx_version>V1.0</imsx_version>
                <imsx_messageIdentifier>msg-\(operation)</imsx_messageIdentifier></imsx_POXRequestHeaderInfo></imsx_POXHeader>
              <imsx_POXBody><\(operation)Request><resultRecord><sourcedGUID><sourcedId>\(sourcedID)</sourcedId></sourcedGUID>\(result)</resultRecord></\(operation)Request></imsx_POXBody>
            </imsx_POXEnvelopeRequest>
            """
    }
}
