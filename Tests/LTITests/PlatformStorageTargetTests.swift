import Foundation
import LTI
import Testing

/// Where badged's pages reach a platform's postMessage storage: a plain frame name and the
/// origin of the platform's authorization URL, never anything a page could not name safely.
@Suite struct PlatformStorageTargetTests {
    @Test func theOriginIsTheAuthorizationURLsAndTheFrameIsKept() throws {
        let canvas = try #require(URL(string: "https://sso.canvaslms.com/api/lti/authorize_redirect"))
        let target = try #require(PlatformStorageTarget(frame: "post_message_forwarding", authURL: canvas))
        #expect(target.origin == "https://sso.canvaslms.com")
        #expect(target.frame == "post_message_forwarding")
        let local = try #require(URL(string: "http://127.0.0.1:9001/auth?tenant=1"))
        #expect(PlatformStorageTarget(frame: "_parent", authURL: local)?.origin == "http://127.0.0.1:9001")
        #expect(PlatformStorageTarget.key(forState: "abc") == "badged_state_abc")
    }

    @Test func oddFrameNamesAndOriginlessURLsGiveNoTarget() throws {
        let canvas = try #require(URL(string: "https://sso.canvaslms.com/api/lti/authorize_redirect"))
        for frame in [nil, "", "a b", "x\"><script>", "frames[0]", String(repeating: "f", count: 65), "ünïcode"] {
            #expect(PlatformStorageTarget(frame: frame, authURL: canvas) == nil, "\(frame ?? "nil")")
        }
        #expect(PlatformStorageTarget(frame: "_parent", authURL: try #require(URL(string: "urn:x:y"))) == nil)
        #expect(PlatformStorageTarget(frame: "_parent", authURL: try #require(URL(string: "ftp://example.org/auth"))) == nil)
    }

    @Test func theStoragePostReadsTheValueReadBackInPlaceOfTheCookie() throws {
        let form = try LaunchForm(storagePost: ["id_token": "a.b.c", "state": "s1", LaunchForm.storedStateField: "s1"])
        #expect(form.stateCookie == "s1")
        #expect(form.state == "s1")
        #expect(throws: LTIError.self) { try LaunchForm(storagePost: ["id_token": "a.b.c", "state": "s1"]) }
        #expect(throws: LTIError.self) {
            try LaunchForm(storagePost: ["id_token": "a.b.c", "state": "s1", LaunchForm.storedStateField: String(repeating: "s", count: LaunchForm.maximumStateLength + 1)])
        }
        let launch = try LaunchForm(parameters: ["id_token": "a.b.c", "state": "s1", "lti_storage_target": "_parent"], cookies: [:])
        #expect(launch.storageFrame == "_parent" && launch.stateCookie == nil)
    }
}
