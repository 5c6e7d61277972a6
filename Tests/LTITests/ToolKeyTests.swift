import Foundation
import JWTKit
import LTI
import LTITesting
import Primitives
import Testing

@Suite("Tool keys and JWKS")
struct ToolKeyTests {
    @Test func jwksPublishesEveryKeyDuringRotationCurrentFirst() throws {
        let set = ToolKeySet(current: TestPlatform.toolKey, published: [TestPlatform.otherKey, TestPlatform.toolKey])
        let document = try JSONDecoder().decode([String: [[String: String]]].self, from: set.jwksJSON())
        let keys = try #require(document["keys"])
        #expect(keys.map { $0["kid"] } == ["tool-key-1", "tool-key-2"])
        for key in keys {
            #expect(key["kty"] == "RSA")
            #expect(key["alg"] == "RS256")
            #expect(key["use"] == "sig")
            #expect(key["e"] == "AQAB")
            #expect((key["n"]?.count ?? 0) >= 342)  // 2048-bit modulus in base64url
            #expect(key["d"] == nil)
        }
    }

    @Test func signedJWTVerifiesWithThePublishedJWKSAndNamesTheKey() async throws {
        let set = ToolKeySet(current: TestPlatform.toolKey)
        let token = try await set.current.sign(["iss": "tool", "exp": .double(4_000_000_000)])
        let keys = try await JWTKeyCollection().add(jwksJSON: String(decoding: set.jwksJSON(), as: UTF8.self))
        let claims = try await keys.verify(token, as: RawClaims.self)
        #expect(claims.values["iss"] == "tool")
        let header = try #require(Data(base64URL: String(token.split(separator: ".")[0])))
        #expect(String(decoding: header, as: UTF8.self) == #"{"alg":"RS256","kid":"tool-key-1","typ":"JWT"}"#)
    }

    @Test func signingTheSameClaimsTwiceGivesTheSameBytes() async throws {
        let claims: [String: JSONValue] = ["b": 1, "a": "x", "c": ["z": true, "y": .null]]
        let first = try await TestPlatform.toolKey.sign(claims)
        let second = try await TestPlatform.toolKey.sign(claims)
        #expect(first == second)
    }

    @Test func unreadablePEMIsAnInvalidKey() {
        let error = #expect(throws: LTIError.self) { try ToolKey(kid: "x", pem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----") }
        #expect(error?.code == .invalidKey)
    }
}

extension Data {
    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}
