import HTTPTypes
import Hummingbird
import NIOCore
import Testing

@testable import BadgeServer

/// Cookies are read from every `Cookie` header, trimmed of blanks around names and values, with a
/// value's own `=` kept and the first of a repeated name winning.
@Suite struct RequestCookiesTests {
    private func request(_ cookieHeaders: [String]) -> Request {
        var fields = HTTPFields()
        for value in cookieHeaders { fields.append(HTTPField(name: .cookie, value: value)) }
        let head = HTTPRequest(method: .post, scheme: "https", authority: "badges.example", path: "/lti/launch", headerFields: fields)
        return Request(head: head, body: RequestBody(buffer: ByteBuffer()))
    }

    @Test func pairsOfEveryHeaderAreReadTrimmed() {
        let cookies = RequestCookies.all(
            in: request(["a=1;  lti_state = abc.def==\t; broken; =nameless", "a=2; __Host-badged-session=s3cret"])
        )
        #expect(cookies == ["a": "1", "lti_state": "abc.def==", "__Host-badged-session": "s3cret"])
    }

    @Test func oneCookieIsFoundByName() {
        let request = request(["x=1", " __Host-badged-review=r ; y=2"])
        #expect(RequestCookies.value(named: "__Host-badged-review", in: request) == "r")
        #expect(RequestCookies.value(named: "y", in: request) == "2")
        #expect(RequestCookies.value(named: "z", in: request) == nil)
        #expect(RequestCookies.value(named: "x", in: self.request([])) == nil)
    }
}
