import AsyncHTTPClient
import Foundation
import LTI
import NIOCore
import NIOHTTP1
import Primitives

/// Plays the browser and the platform for one login + launch, over real HTTP, against any LTI
/// 1.3 tool: badged, or the PyLTI1p3 comparison tool.
struct LaunchDriver: Sendable {
    /// Where one tool takes logins and launches.
    struct Tool: Sendable {
        /// The OIDC login initiation URL.
        let loginURL: String
        /// The URL the id_token is posted to.
        let launchURL: String
        /// The `target_link_uri` the login carries.
        let targetLinkURI: String
        /// Text a launch page must contain (nil: any 200 page).
        let expectedPageText: String?
        /// A URL the tool answers without work of its own (its health check): the floor that
        /// the HTTP server and the kernel cost per request.
        let floorURL: String

        /// badged at `daemon`, whose launch page is not checked beyond its status.
        static func badged(at daemon: String) -> Tool {
            Tool(
                loginURL: "\(daemon)/lti/login",
                launchURL: "\(daemon)/lti/launch",
                targetLinkURI: "https://badges.bench/lti/launch",
                expectedPageText: nil,
                floorURL: "\(daemon)/healthz"
            )
        }

        /// The PyLTI1p3 tool at `url`, whose page names the course and the user.
        static func pyLTI(at url: String) -> Tool {
            Tool(
                loginURL: "\(url)/login",
                launchURL: "\(url)/launch",
                targetLinkURI: "\(url)/launch",
                expectedPageText: "Badges for Bench",
                floorURL: "\(url)/healthz"
            )
        }
    }

    /// What a login left with the browser: its cookies, and the state and nonce of the redirect.
    struct Login: Sendable {
        let cookies: String
        let state: String
        let nonce: String
    }

    let client: HTTPClient
    let tool: Tool
    let issuer: String
    let key: ToolKey

    /// One login and launch, checked to answer 200 (with the expected page); returns its latency
    /// in milliseconds.
    func loginAndLaunch() async throws -> Double {
        let started = ContinuousClock.now
        let login = try await login()
        let page = try await launch(login, idToken: try await idToken(nonce: login.nonce))
        guard page.status == 200 else { throw BenchmarkError(.unexpectedResult, "launch answered \(page.status): \(page.body.prefix(200))") }
        if let expected = tool.expectedPageText, !page.body.contains(expected) {
            throw BenchmarkError(.unexpectedResult, "the launch page lacks \"\(expected)\": \(page.body.prefix(200))")
        }
        return started.duration(to: .now).inSeconds * 1000
    }

    /// Two requests of the tool's floor URL, as many as a login and a launch make, checked to
    /// answer 200.
    func floorPair() async throws {
        for _ in 0..<2 {
            let response = try await client.execute(HTTPClientRequest(url: tool.floorURL), timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok else { throw BenchmarkError(.unexpectedResult, "\(tool.floorURL) answered \(response.status.code)") }
        }
    }

    /// The login: a 302 to the platform with state and nonce, and the cookies it sets (all of
    /// them, as a browser would carry them to the launch).
    func login() async throws -> Login {
        let query = "iss=\(issuer)&login_hint=u1&target_link_uri=\(tool.targetLinkURI)&client_id=bench&lti_deployment_id=3"
        let login = try await client.execute(HTTPClientRequest(url: "\(tool.loginURL)?\(query)"), timeout: .seconds(10))
        _ = try await login.body.collect(upTo: 1 << 20)
        let cookies = login.headers["set-cookie"].map { String($0.prefix { $0 != ";" }) }
        guard login.status == .found, let location = login.headers.first(name: "location"), !cookies.isEmpty,
            let items = URLComponents(string: location)?.queryItems,
            let state = items.first(where: { $0.name == "state" })?.value,
            let nonce = items.first(where: { $0.name == "nonce" })?.value
        else { throw BenchmarkError(.unexpectedResult, "login answered \(login.status.code)") }
        return Login(cookies: cookies.joined(separator: "; "), state: state, nonce: nonce)
    }

    /// A learner's id_token for `nonce`, signed by the platform (by `key` if given).
    func idToken(nonce: String, signedBy key: ToolKey? = nil) async throws -> String {
        let now = Date().timeIntervalSince1970.rounded(.down)
        return try await (key ?? self.key).sign([
            "iss": .string(issuer), "aud": "bench", "sub": "u1", "email": "u1@example.edu", "exp": .double(now + 60), "iat": .double(now),
            "nonce": .string(nonce),
            LTIClaim.deploymentID: "3", LTIClaim.messageType: "LtiResourceLinkRequest", LTIClaim.version: "1.3.0",
            LTIClaim.resourceLink: ["id": "r1"], LTIClaim.roles: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
            LTIClaim.context: ["id": "c1", "title": "Bench"],
        ])
    }

    /// Posts `idToken` with the login's state and cookies to the launch URL.
    /// - Returns: the status and the page.
    func launch(_ login: Login, idToken: String) async throws -> (status: UInt, body: String) {
        var launch = HTTPClientRequest(url: tool.launchURL)
        launch.method = .POST
        launch.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
        launch.headers.add(name: "cookie", value: login.cookies)
        launch.body = .bytes(ByteBuffer(string: "id_token=\(idToken)&state=\(login.state)"))
        let response = try await client.execute(launch, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (response.status.code, String(buffer: body))
    }
}
