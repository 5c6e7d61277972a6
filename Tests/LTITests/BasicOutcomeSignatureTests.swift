import Foundation
import LTI
import Testing

@Suite("OAuth 1.0a signatures for LTI 1.1 Basic Outcomes")
struct BasicOutcomeSignatureTests {
    static let body = Data(#"<?xml version="1.0" encoding="UTF-8"?><imsx_POXEnvelopeRequest/>"#.utf8)
    static let url = URL(string: "https://badges.example.edu/lti11/outcomes?lti=a+b")!  // A literal, valid URL.
    static let signedAt = Date(timeIntervalSince1970: 1_764_619_200)

    @Test func baseStringMatchesTheRFC5849Example() throws {
        // RFC 5849 §3.4.1.1: the query, the form body `c2&a3=2+q` and the protocol parameters.
        let url = URL(string: "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b")!  // A literal, valid URL.
        let parameters: [(name: String, value: String)] = [
            ("oauth_consumer_key", "9djdj82h48djs9d2"),
            ("oauth_token", "kkk9d7dh3k39sjv7"),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", "137131201"),
            ("oauth_nonce", "7d8f3e4a"),
            ("c2", ""),
            ("a3", "2 q"),
        ]
        let base = try OAuth1SignatureBase.string(method: "post", url: url, parameters: parameters)
        #expect(
            base
                == "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26"
                + "oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26"
                + "oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
        )
    }

    @Test(arguments: [
        ("HTTP://EXAMPLE.COM:80/r%20v/X?id=123", "GET&http%3A%2F%2Fexample.com%2Fr%2520v%2FX&id%3D123"),
        ("https://www.example.net:8080/?q=1", "GET&https%3A%2F%2Fwww.example.net%3A8080%2F&q%3D1"),
        ("https://www.example.net:443", "GET&https%3A%2F%2Fwww.example.net%2F&"),
    ])
    func baseStringURIIsNormalized(url: String, expected: String) throws {
        // The first two are RFC 5849 §3.4.1.2's examples.
        let url = try #require(URL(string: url))
        #expect(try OAuth1SignatureBase.string(method: "GET", url: url, parameters: []) == expected)
    }

    @Test func percentEncodingKeepsOnlyUnreservedCharacters() throws {
        let url = try #require(URL(string: "https://example.com/"))
        let base = try OAuth1SignatureBase.string(method: "GET", url: url, parameters: [("k", "a-._~ *+/é")])
        // The value is encoded once in the pair (a-._~%20%2A%2B%2F%C3%A9), then again in the base string.
        #expect(base == "GET&https%3A%2F%2Fexample.com%2F&k%3Da-._~%2520%252A%252B%252F%25C3%25A9")
    }

    @Test func signerOutputMatchesAnIndependentlyComputedVector() throws {
        // Computed with Python's hmac and hashlib from the same base string.
        let signer = OAuth1Signer(consumerKey: "moodle-key", consumerSecret: "se&cret")
        let header = try signer.authorization(method: "POST", url: Self.url, body: Self.body, nonce: "n-0001", timestamp: Self.signedAt)
        #expect(
            header
                == #"OAuth oauth_body_hash="fqOlD0kItlDAp7trO7Z3psbcpSg%3D", oauth_consumer_key="moodle-key", oauth_nonce="n-0001", "#
                + #"oauth_signature_method="HMAC-SHA1", oauth_timestamp="1764619200", oauth_version="1.0", "#
                + #"oauth_signature="EwSJM7G6xu2eEo6v0i8fmhlRUdI%3D""#
        )
    }

    @Test func bodyHashMatchesTheBodyHashExtensionExample() throws {
        let signer = OAuth1Signer(consumerKey: "key", consumerSecret: "secret")
        let header = try signer.authorization(method: "POST", url: Self.url, body: Data("Hello World!".utf8), nonce: "n", timestamp: Self.signedAt)
        #expect(header.contains(#"oauth_body_hash="Lve95gjOVATpfV8EL5X4nxwjKHE%3D""#))
    }

    @Test func signedRequestVerifies() async throws {
        let signer = OAuth1Signer(consumerKey: "moodle-key", consumerSecret: "se&cret")
        let header = try signer.authorization(method: "POST", url: Self.url, body: Self.body, nonce: "n-0001", timestamp: Self.signedAt)
        let verifier = OAuth1Verifier(nonces: InMemoryOAuthNonceGuard())
        let consumer = try await verifier.verify(
            method: "POST",
            url: Self.url,
            authorization: header,
            body: Self.body,
            now: Self.signedAt.addingTimeInterval(300)
        ) { $0 == "moodle-key" ? "se&cret" : nil }
        #expect(consumer == "moodle-key")
    }

    @Test func foldedHeaderWithRealmAndExtraSpacesVerifies() async throws {
        let signer = OAuth1Signer(consumerKey: "moodle-key", consumerSecret: "se&cret")
        let signed = try signer.authorization(method: "POST", url: Self.url, body: Self.body, nonce: "n-0001", timestamp: Self.signedAt)
        let folded = "oauth realm=\"Example\",\r\n  " + signed.dropFirst("OAuth ".count).replacingOccurrences(of: ", ", with: " ,\n\t")
        let verifier = OAuth1Verifier(nonces: InMemoryOAuthNonceGuard())
        let consumer = try await verifier.verify(method: "POST", url: Self.url, authorization: folded, body: Self.body, now: Self.signedAt) { _ in
            "se&cret"
        }
        #expect(consumer == "moodle-key")
    }

    @Test func signerDescriptionHidesTheSecret() {
        let signer = OAuth1Signer(consumerKey: "moodle-key", consumerSecret: "se&cret")
        #expect(!"\(signer)".contains("se&cret"))
        #expect(!String(reflecting: signer).contains("se&cret"))
    }
}
