public import Foundation
import Hummingbird
import LTI
import Primitives

extension TestPlatform {
    /// Registers `scenario` and returns the third-party login initiation parameters the platform
    /// sends the browser to the tool with (Canvas adds `lti_storage_target`).
    public func loginParameters(for scenario: LaunchScenario, targetLinkURI: String) async -> [String: String] {
        let hint = await state.addScenario(scenario, targetLinkURI: targetLinkURI)
        var parameters = [
            "iss": issuer, "login_hint": scenario.subject, "target_link_uri": targetLinkURI, "client_id": clientID,
            "lti_deployment_id": deploymentID, "lti_message_hint": hint,
        ]
        if flavour == .canvas { parameters["lti_storage_target"] = Self.storageFrameName }
        return parameters
    }

    /// The action and hidden fields of an auto-posting form page (the platform's id_token post,
    /// or a tool's deep-linking response).
    public static func autoPostForm(in html: String) -> (action: String, fields: [String: String])? {
        func attribute(_ name: String, in tag: Substring) -> String? {
            guard let range = tag.range(of: "\(name)=\"") else { return nil }
            return unescape(String(tag[range.upperBound...].prefix { $0 != "\"" }))
        }
        guard let formStart = html.range(of: "<form") else { return nil }
        let formTag = html[formStart.lowerBound...].prefix { $0 != ">" }
        guard let action = attribute("action", in: formTag) else { return nil }
        var fields: [String: String] = [:]
        var rest = html[formStart.upperBound...]
        while let input = rest.range(of: "<input") {
            let tag = rest[input.lowerBound...].prefix { $0 != ">" }
            if let name = attribute("name", in: tag) { fields[name] = attribute("value", in: tag) ?? "" }
            rest = rest[input.upperBound...]
        }
        return (action, fields)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension TestPlatformRoutes {
    /// The OIDC authorization endpoint: checks the tool's authentication request and answers the
    /// auto-posting form with a signed id_token for the scenario named by `lti_message_hint`.
    static func registerAuthorization(on router: Router<BasicRequestContext>, state: TestPlatformState) {
        router.get("/auth") { request, _ in
            let query = request.uri.queryParameters
            func value(_ name: String) -> String? { query[Substring(name)].map(String.init) }
            guard let platform = await state.platform, value("tenant") == "1", value("scope") == "openid",
                value("response_type") == "id_token", value("response_mode") == "form_post", value("prompt") == "none",
                value("client_id") == platform.clientID,
                let redirect = value("redirect_uri"), let stateValue = value("state"), let nonce = value("nonce"),
                let hint = value("lti_message_hint"), let (scenario, target) = await state.scenario(hint),
                value("login_hint") == scenario.subject
            else { return Response(status: .badRequest) }
            var claims = platform.launchClaims(messageType: scenario.messageType, nonce: nonce, roles: scenario.roles, subject: scenario.subject)
            claims[LTIClaim.targetLinkURI] = .string(target)
            for name in scenario.removedClaims { claims[name] = nil }
            claims.merge(scenario.claims) { _, new in new }
            let token = try await platform.idToken(claims, key: scenario.signingKey)
            // Canvas also names its storage frame on the launch.
            let storage =
                platform.flavour == .canvas
                ? "<input type=\"hidden\" name=\"lti_storage_target\" value=\"\(TestPlatform.storageFrameName)\">" : ""
            await state.recordLaunch(["id_token": token, "state": stateValue])
            let html = """
                <!doctype html><html><body><form method="post" action="\(TestPlatform.escape(redirect))">\
                <input type="hidden" name="id_token" value="\(token)">\
                <input type="hidden" name="state" value="\(TestPlatform.escape(stateValue))">\(storage)</form>\
                <script>window.addEventListener("load", function () { document.forms[0].submit(); })</script></body></html>
                """
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }
}
