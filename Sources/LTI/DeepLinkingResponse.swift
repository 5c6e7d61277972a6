public import Foundation
import Primitives

/// A signed LtiDeepLinkingResponse and the page that posts it back to the platform.
public struct DeepLinkingResponse: Hashable, Sendable {
    /// The signed response JWT (RS256, the tool key's `kid`).
    public var jwt: String
    /// The platform's `deep_link_return_url`.
    public var returnURL: URL

    /// Wraps an already signed response.
    public init(jwt: String, returnURL: URL) {
        self.jwt = jwt
        self.returnURL = returnURL
    }

    /// Builds and signs the response to a deep-linking request.
    /// - Parameters:
    ///   - launch: The validated LtiDeepLinkingRequest.
    ///   - items: The chosen items (at most one unless the platform accepts several).
    ///   - message: An optional message the platform shows (`msg`).
    ///   - key: The tool's current signing key.
    ///   - clock: The time source for `iat`/`exp`.
    ///   - randomness: The random source for `nonce`.
    /// - Throws: ``LTIError/Code/invalidRequest`` when the launch is not a deep-linking request or
    ///   the items break its settings; ``LTIError/Code/invalidKey`` when signing fails.
    public static func make(
        for launch: LTILaunch,
        items: [DeepLinkingContentItem],
        message: String? = nil,
        key: ToolKey,
        clock: any LTIClock = SystemLTIClock(),
        randomness: any LTIRandomness = SystemLTIRandomness()
    ) async throws -> DeepLinkingResponse {
        guard launch.messageType == .deepLinking, let settings = launch.deepLinking else {
            throw LTIError(.invalidRequest, "Only a deep-linking request can be answered with content items.")
        }
        if items.count > 1, !settings.acceptMultiple {
            throw LTIError(.invalidRequest, "The platform accepts only one content item here.")
        }
        if !settings.acceptTypes.isEmpty, !settings.acceptTypes.contains("ltiResourceLink"), !items.isEmpty {
            throw LTIError(.invalidRequest, "The platform does not accept LTI resource links here.")
        }
        if items.contains(where: { $0.lineItem != nil }), !settings.acceptLineItem {
            throw LTIError(.invalidRequest, "The platform does not accept line items here.")
        }
        if items.contains(where: { ($0.lineItem?.scoreMaximum ?? 1) <= 0 }) {
            throw LTIError(.invalidRequest, "A line item's scoreMaximum must be greater than zero.")
        }
        let now = clock.now().timeIntervalSince1970.rounded(.down)
        var claims: [String: JSONValue] = [
            "iss": .string(launch.clientID),
            "aud": .string(launch.issuer),
            "iat": .double(now),
            "exp": .double(now + 300),
            "nonce": .string(randomness.makeToken()),
            LTIClaim.deploymentID: .string(launch.deploymentID),
            LTIClaim.messageType: "LtiDeepLinkingResponse",
            LTIClaim.version: "1.3.0",
            LTIClaim.contentItems: .array(items.map(\.json)),
        ]
        if let data = settings.data { claims[LTIClaim.deepLinkingData] = .string(data) }
        if let message { claims[LTIClaim.deepLinkingMessage] = .string(message) }
        return DeepLinkingResponse(jwt: try await key.sign(claims), returnURL: settings.returnURL)
    }

    /// The inline script of ``htmlForm`` that submits the form, exactly as the page carries it
    /// (a Content-Security-Policy allows it by its hash).
    public static let autoSubmitScript = #"document.getElementById("lti-deep-linking").submit();"#

    /// An HTML page whose form posts the `JWT` field to the return URL as soon as it loads
    /// (with a button for browsers without script). Every value is HTML-escaped.
    public var htmlForm: String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Returning to the course</title></head>
        <body>
        <form id="lti-deep-linking" method="post" action="\(HTML.escape(returnURL.absoluteString))">
        <input type="hidden" name="JWT" value="\(HTML.escape(jwt))">
        <noscript><button type="submit">Continue</button></noscript>
        </form>
        <script>\(Self.autoSubmitScript)</script>
        </body></html>
        """
    }
}
