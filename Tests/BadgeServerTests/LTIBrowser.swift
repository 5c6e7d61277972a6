import AsyncHTTPClient
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
import NIOHTTP1
import Primitives
import Testing

/// Plays the browser between a ``TestPlatform`` and badged: the platform's login initiation (GET
/// for Moodle, a form POST with `lti_storage_target` for Canvas), the tool's redirect to the
/// platform's authorization endpoint with its state cookie (for Canvas, the platform-storage page
/// naming that endpoint), and the platform's id_token form_post back to the tool.
struct LTIBrowser {
    static let launchURL = "https://badges.test/lti/launch"
    static let institution = "universiteit-harderwijk.nl"

    let client: any TestClientProtocol
    let platform: TestPlatform

    /// Registers the platform with badged and gives the platform badged's tool keys.
    static func register(_ platform: TestPlatform, client: any TestClientProtocol, databaseURL: String) async throws {
        let reader = ConfigReader(provider: InMemoryProvider(values: ["db.url": .init(.string(databaseURL), isSecret: true)]))
        let session = try await AdminSession.open(reader: reader, logger: TestDatabases.logger)
        do {
            try await session.administration.registerPlatform(platform.registration, institution: institution)
            try await session.close()
        } catch {
            try? await session.close()
            throw error
        }
        try await shareToolKeys(with: platform, client: client)
    }

    /// Lets the platform verify what badged signs (as an LMS fetches the tool's JWKS URL).
    static func shareToolKeys(with platform: TestPlatform, client: any TestClientProtocol) async throws {
        let jwks = try await client.send(.get, "/lti/jwks")
        await platform.state.setToolJWKS(jwks.text)
    }

    /// Runs the whole login → authorization → launch flow and returns badged's answer to the launch.
    func launch(_ scenario: LaunchScenario) async throws -> TestResponse {
        let (fields, cookie) = try await authorize(scenario)
        return try await postLaunch(fields, cookie: cookie)
    }

    /// Runs the login and the platform's authorization step; returns the id_token form the
    /// platform posts and the state cookie the browser holds.
    func authorize(_ scenario: LaunchScenario) async throws -> (fields: [String: String], cookie: String) {
        let parameters = await platform.loginParameters(for: scenario, targetLinkURI: Self.launchURL)
        let login: TestResponse
        switch platform.flavour {
        case .moodle:
            login = try await client.send(.get, "/lti/login?" + Self.formEncoded(parameters))
        case .canvas:
            login = try await client.execute(
                uri: "/lti/login",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: Self.formEncoded(parameters))
            )
        }
        let location: String
        switch platform.flavour {
        case .moodle:
            try #require(login.status == .found, "login answered \(login.status): \(login.text)")
            location = try #require(login.headers[.location])
        case .canvas:
            // Canvas offers platform storage: the login answers the page that keeps the state in
            // the storage frame and then goes on to the authorization URL (a browser's script
            // does both; here the test follows the URL the page names).
            try #require(login.status == .ok, "login answered \(login.status): \(login.text)")
            location = try #require(Self.dataAttribute("next", in: login.text))
            #expect(Self.dataAttribute("mode", in: login.text) == "put")
        }
        let setCookie = try #require(login.headers[.setCookie])
        #expect(setCookie.contains("SameSite=None") && setCookie.contains("Secure") && setCookie.contains("HttpOnly"))
        #expect(location.hasPrefix(platform.baseURL + "/auth?tenant=1&"))

        let authorization = try await HTTPClient.shared.execute(HTTPClientRequest(url: location), timeout: .seconds(10))
        try #require(authorization.status == .ok, "the platform refused the authentication request")
        let page = String(buffer: try await authorization.body.collect(upTo: 1 << 20))
        let form = try #require(TestPlatform.autoPostForm(in: page))
        #expect(form.action == Self.launchURL)
        return (form.fields, String(setCookie.prefix { $0 != ";" }))
    }

    /// Posts the platform's id_token form to badged with a cookie header.
    func postLaunch(_ fields: [String: String], cookie: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/lti/launch",
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
            body: ByteBuffer(string: Self.formEncoded(fields))
        )
    }

    /// Posts a form that a tool page auto-submits to the platform (the deep-linking response).
    func submitToPlatform(_ html: String) async throws -> Int {
        let form = try #require(TestPlatform.autoPostForm(in: html))
        var request = HTTPClientRequest(url: form.action)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: Self.formEncoded(form.fields)))
        return Int(try await HTTPClient.shared.execute(request, timeout: .seconds(10)).status.code)
    }

    static func formEncoded(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }

    /// The `data-<name>` attribute of a page, unescaped.
    static func dataAttribute(_ name: String, in html: String) -> String? {
        html.range(of: "data-\(name)=\"").map {
            String(html[$0.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    /// The value attribute of the hidden input with this name.
    static func hiddenValue(_ name: String, in html: String) -> String? {
        TestPlatform.autoPostForm(in: html).flatMap { $0.fields[name] }
            ?? html.range(of: "name=\"\(name)\" value=\"").map { String(html[$0.upperBound...].prefix { $0 != "\"" }) }
    }
}
