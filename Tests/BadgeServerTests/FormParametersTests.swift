import BadgeTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import BadgeServer

/// Form bodies and query strings decode as the WHATWG urlencoded parser does, and malformed
/// percent-escapes are kept as text rather than stopping the daemon.
@Suite struct FormParametersTests {
    @Test func fieldsArePercentAndPlusDecodedWithTheFirstOfARepeatedNameWinning() {
        let fields = FormParameters.decode("a=1+2%20%2B3&b=%E2%82%AC%c3%a9&c&=nameless&a=second&&d=x=y&e=")
        #expect(fields == ["a": "1 2 +3", "b": "€é", "c": "", "": "nameless", "d": "x=y", "e": ""])
        #expect(FormParameters.values(named: "a", in: "a=1&b=2&a=3+4&a") == ["1", "3 4", ""])
        #expect(FormParameters.decode("") == [:])
    }

    @Test func malformedEscapesStayAsTheyAre() {
        let fields = FormParameters.decode("a=%zz&b=100%&c=%4&d=%%41&e=%C3&f=\u{e9} \u{1F600}")
        #expect(fields == ["a": "%zz", "b": "100%", "c": "%4", "d": "%A", "e": "\u{FFFD}", "f": "\u{e9} \u{1F600}"])
    }

    @Test func aLaunchWithMalformedEscapesIsRefusedAndTheDaemonServesOn() async throws {
        try await withTestApp { client, _ in
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            for body in ["id_token=%zz&state=%", "id_token=a b&state=%E2%82"] {
                let response = try await client.execute(uri: "/lti/launch", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect((400..<500).contains(response.status.code), "\(body)")
            }
            let login = try await client.execute(uri: "/lti/login?iss=%zz&login_hint=%&target_link_uri=x", method: .get)
            #expect((400..<500).contains(login.status.code))
            #expect(try await client.execute(uri: "/lti/jwks", method: .get).status == .ok)
        }
    }
}
