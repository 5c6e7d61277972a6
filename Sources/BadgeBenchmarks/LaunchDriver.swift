import AsyncHTTPClient
import Foundation
import LTI
import NIOCore
import NIOHTTP1
import Primitives

/// Plays the browser and the platform for one login + launch, over real HTTP.
struct LaunchDriver: Sendable {
    let client: HTTPClient
    let daemon: String
    let issuer: String
    let key: ToolKey

    /// One login and launch; returns its latency in milliseconds.
    func loginAndLaunch() async throws -> Double {
        let started = ContinuousClock.now
        let query = "iss=\(issuer)&login_hint=u1&target_link_uri=https://badges.bench/lti/launch&client_id=bench&lti_deployment_id=3"
        let login = try await client.execute(HTTPClientRequest(url: "\(daemon)/lti/login?\(query)"), timeout: .seconds(10))
        guard login.status == .found, let location = login.headers.first(name: "location"),
            let cookieHeader = login.headers.first(name: "set-cookie"),
            let items = URLComponents(string: location)?.queryItems,
            let state = items.first(where: { $0.name == "state" })?.value,
            let nonce = items.first(where: { $0.name == "nonce" })?.value
        else { throw BenchmarkError(.unexpectedResult, "login answered \(login.status.code)") }
        let now = Date().timeIntervalSince1970.rounded(.down)
        let token = try await key.sign([
            "iss": .string(issuer), "aud": "bench", "sub": "u1", "email": "u1@example.edu", "exp": .double(now + 60), "iat": .double(now),
            "nonce": .string(nonce),
            LTIClaim.deploymentID: "3", LTIClaim.messageType: "LtiResourceLinkRequest", LTIClaim.version: "1.3.0",
            LTIClaim.resourceLink: ["id": "r1"], LTIClaim.roles: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
            LTIClaim.context: ["id": "c1", "title": "Bench"],
        ])
        var launch = HTTPClientRequest(url: "\(daemon)/lti/launch")
        launch.method = .POST
        launch.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
        launch.headers.add(name: "cookie", value: String(cookieHeader.prefix { $0 != ";" }))
        launch.body = .bytes(ByteBuffer(string: "id_token=\(token)&state=\(state)"))
        let response = try await client.execute(launch, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok else { throw BenchmarkError(.unexpectedResult, "launch answered \(response.status.code)") }
        return started.duration(to: .now).inSeconds * 1000
    }
}
