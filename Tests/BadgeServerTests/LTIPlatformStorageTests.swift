import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import LTI
import LTITesting
import NIOCore
import Testing

/// Canvas launches without the state cookie, through the platform's postMessage storage: the
/// login page keeps the state in the storage frame, a cookie-less launch answers the page that
/// reads it back, and its re-post to `lti/launch/storage` runs every check of a cookie launch.
/// Forged, missing, replayed and cross-site re-posts answer 4xx.
@Suite("LTI launches through platform storage", .heavyLane)
struct LTIPlatformStorageTests {
    static let csp = HTTPField.Name("Content-Security-Policy")!  // a valid header name
    static let fetchSite = HTTPField.Name("Sec-Fetch-Site")!  // a valid header name
    static let origin = HTTPField.Name("Origin")!  // a valid header name

    @Test func aCanvasLoginKeepsTheStateInTheStorageFrameAndStillSetsTheCookie() async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(.canvas) { browser, _ in
            let platform = browser.platform
            let parameters = await platform.loginParameters(for: .student, targetLinkURI: LTIBrowser.launchURL)
            let login = try await Self.postLogin(parameters, browser)
            #expect(login.status == .ok)
            #expect(login.headers[.cacheControl] == "no-store")
            let next = try #require(LTIBrowser.dataAttribute("next", in: login.text))
            #expect(next.hasPrefix(platform.baseURL + "/auth?tenant=1&"))
            let state = try #require(URLComponents(string: next)?.queryItems?.first { $0.name == "state" }?.value)
            #expect(LTIBrowser.dataAttribute("mode", in: login.text) == "put")
            #expect(LTIBrowser.dataAttribute("frame", in: login.text) == TestPlatform.storageFrameName)
            // Messages go to, and answers count only from, the origin of the authorization URL.
            #expect(LTIBrowser.dataAttribute("origin", in: login.text) == platform.baseURL)
            #expect(LTIBrowser.dataAttribute("key", in: login.text) == PlatformStorageTarget.key(forState: state))
            #expect(LTIBrowser.dataAttribute("value", in: login.text) == state)
            #expect(login.text.contains("event.origin !== data.origin"))
            // The cookie stays the default where the browser keeps it.
            let cookie = try #require(login.headers[.setCookie])
            #expect(cookie.hasPrefix(StateCookie.name(forState: state) + "=" + state + ";") && cookie.contains("SameSite=None; Secure"))
            let policy = try #require(login.headers[Self.csp])
            #expect(policy.contains("script-src 'sha256-"))
            #expect(policy.contains("frame-ancestors ") && policy.contains(platform.baseURL) && policy.contains("https://*.instructure.com"))

            // A storage target that is no plain frame name is ignored: the usual redirect.
            var odd = await platform.loginParameters(for: .student, targetLinkURI: LTIBrowser.launchURL)
            odd["lti_storage_target"] = "x\"><script>"
            let redirected = try await Self.postLogin(odd, browser)
            #expect(redirected.status == .found)
        }
    }

    @Test func aCookielessCanvasLaunchFinishesWithTheStateReadBackOnce() async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(.canvas) { browser, _ in
            let (fields, _) = try await browser.authorize(.student)
            let state = try #require(fields["state"])
            #expect(fields["lti_storage_target"] == TestPlatform.storageFrameName)
            let page = try await browser.postLaunch(fields, cookie: "unrelated=1")
            #expect(page.status == .ok)
            #expect(LTIBrowser.dataAttribute("mode", in: page.text) == "get")
            #expect(LTIBrowser.dataAttribute("key", in: page.text) == PlatformStorageTarget.key(forState: state))
            #expect(LTIBrowser.dataAttribute("origin", in: page.text) == browser.platform.baseURL)
            let form = try #require(TestPlatform.autoPostForm(in: page.text))
            #expect(form.action == "https://badges.test/lti/launch/storage")
            #expect(form.fields["id_token"] == fields["id_token"] && form.fields["state"] == state)
            #expect(form.fields[LaunchForm.storedStateField] == "")

            var repost = form.fields
            repost[LaunchForm.storedStateField] = state
            let landed = try await Self.postStorage(repost, browser, headers: [Self.fetchSite: "same-origin"])
            #expect(landed.status == .ok)
            #expect(landed.text.contains("Your badges for"))
            #expect(landed.headers[Self.csp]?.contains(browser.platform.baseURL) == true, "the platform's storage origin may frame the page")

            let replayed = try await Self.postStorage(repost, browser, headers: [Self.fetchSite: "same-origin"])
            #expect(replayed.status == .unauthorized)
            #expect(replayed.json["code"] as? String == "replayed_nonce")
            let cookieReplay = try await browser.postLaunch(fields, cookie: StateCookie.name(forState: state) + "=" + state)
            #expect(cookieReplay.json["code"] as? String == "replayed_nonce")
        }
    }

    @Test func forgedMissingCrossSiteAndUnknownStatesAreRefused() async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(.canvas) { browser, _ in
            let (fields, _) = try await browser.authorize(.student)
            let state = try #require(fields["state"])
            var repost = ["id_token": fields["id_token"] ?? "", "state": state]

            let missing = try await Self.postStorage(repost, browser, headers: [Self.fetchSite: "same-origin"])
            #expect(missing.status == .badRequest)
            #expect(missing.json["code"] as? String == "invalid_request")

            repost[LaunchForm.storedStateField] = String(state.reversed())
            let forged = try await Self.postStorage(repost, browser, headers: [Self.fetchSite: "same-origin"])
            #expect(forged.status == .unauthorized)
            #expect(forged.json["code"] as? String == "state_mismatch")

            repost[LaunchForm.storedStateField] = state
            for headers: HTTPFields in [[Self.fetchSite: "cross-site"], [Self.fetchSite: "same-site"], [Self.origin: "https://evil.example"], [:]] {
                let crossSite = try await Self.postStorage(repost, browser, headers: headers)
                #expect(crossSite.status == .unauthorized, "\(headers)")
                #expect(crossSite.json["code"] as? String == "state_mismatch")
            }

            var unknown = repost
            unknown["state"] = String(repeating: "a", count: 43)
            unknown[LaunchForm.storedStateField] = unknown["state"]
            let unknownState = try await Self.postStorage(unknown, browser, headers: [Self.fetchSite: "same-origin"])
            #expect(unknownState.status == .unauthorized)
            #expect(unknownState.json["code"] as? String == "unknown_state")
            var unknownLaunch = fields
            unknownLaunch["state"] = unknown["state"]
            let unknownPage = try await browser.postLaunch(unknownLaunch, cookie: "unrelated=1")
            #expect(unknownPage.json["code"] as? String == "unknown_state")

            // Nothing above spent the state: the real re-post, by Origin alone, still lands.
            let landed = try await Self.postStorage(repost, browser, headers: [Self.origin: "https://badges.test"])
            #expect(landed.status == .ok)
            #expect(landed.text.contains("Your badges for"))
        }
    }

    @Test func moodleLaunchesKeepTheCookieOnly() async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(.moodle) { browser, _ in
            let (fields, _) = try await browser.authorize(.student)
            #expect(fields["lti_storage_target"] == nil)
            let noCookie = try await browser.postLaunch(fields, cookie: "unrelated=1")
            #expect(noCookie.json["code"] as? String == "state_mismatch")
            var repost = fields
            repost[LaunchForm.storedStateField] = fields["state"]
            // A Moodle state read back from nowhere still passes the same checks: only the
            // same-origin rule and the single-use nonce stand, as for any launch.
            let refused = try await Self.postStorage(repost, browser, headers: [Self.fetchSite: "cross-site"])
            #expect(refused.json["code"] as? String == "state_mismatch")
        }
    }

    static func postLogin(_ parameters: [String: String], _ browser: LTIBrowser) async throws -> TestResponse {
        try await browser.client.execute(
            uri: "/lti/login",
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: LTIBrowser.formEncoded(parameters))
        )
    }

    static func postStorage(_ fields: [String: String], _ browser: LTIBrowser, headers: HTTPFields) async throws -> TestResponse {
        var all = headers
        all[.contentType] = "application/x-www-form-urlencoded"
        return try await browser.client.execute(
            uri: "/lti/launch/storage",
            method: .post,
            headers: all,
            body: ByteBuffer(string: LTIBrowser.formEncoded(fields))
        )
    }
}
