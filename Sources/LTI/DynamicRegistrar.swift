public import AsyncHTTPClient
import Foundation
import Primitives

/// The tool side of LTI Dynamic Registration 1.0: fetches the platform's OpenID configuration,
/// checks it, posts the tool's client registration with the platform's registration token, and
/// returns the platform registration to store.
public struct DynamicRegistrar: Sendable {
    /// The largest configuration or registration answer read, in bytes.
    public static let maximumBodySize = 64 * 1024
    /// The longest accepted registration token.
    public static let maximumTokenLength = 4096

    private let exchange: HTTPExchange

    /// Creates a registrar.
    /// - Parameters:
    ///   - client: The HTTP client (owned and shut down by the caller).
    ///   - timeout: The deadline of one request.
    /// - Parameters:
    ///   - client: an HTTP client that does not follow redirects (the policy checks each hop).
    ///   - policy: where the platform's configuration and registration endpoint may be.
    public init(client: HTTPClient, policy: OutboundPolicy, timeout: Duration = .seconds(10)) {
        exchange = HTTPExchange(
            client: client,
            timeout: timeout,
            retry: RetryPolicy(maximumAttempts: 1),
            policy: policy,
            maximumBodySize: Self.maximumBodySize
        )
    }

    /// Registers the tool with the platform whose configuration is at `configurationURL`.
    /// - Parameters:
    ///   - configurationURL: The `openid_configuration` parameter.
    ///   - registrationToken: The `registration_token` parameter, sent as bearer token.
    ///   - tool: What the tool asks for.
    /// - Returns: The platform as registered (issuer, client id, deployment id, endpoints, LMS family).
    /// - Throws: ``LTIError`` `.invalidRequest` for bad parameters or configuration,
    ///   `.invalidResponse` when the platform's answers cannot be used, `.serviceRequestFailed`
    ///   when it cannot be reached.
    public func register(configurationURL: String, registrationToken: String?, tool: ToolRegistration) async throws -> Platform {
        guard configurationURL.count <= 2048, let url = URL(string: configurationURL), PlatformConfiguration.isSafe(url) else {
            throw LTIError(.invalidRequest, "openid_configuration must be an https URL.")
        }
        if let registrationToken, registrationToken.count > Self.maximumTokenLength {
            throw LTIError(.invalidRequest, "registration_token is too long.")
        }
        let bearer = registrationToken.map { [("Authorization", "Bearer \($0)")] } ?? []
        // Whatever went wrong upstream (unreachable, an error status, not JSON), the caller learns
        // only that the configuration was unusable: the answer of whatever the URL pointed at is
        // not echoed (the registration page is reachable without an API key).
        let configuration: PlatformConfiguration
        do {
            let reply = try await exchange.send("GET", url, headers: [("Accept", "application/json")] + bearer)
            guard reply.status == 200 else { throw LTIError(.invalidResponse, "HTTP \(reply.status)") }
            configuration = try JSONDecoder().decode(PlatformConfiguration.self, from: reply.body)
        } catch let error as LTIError where error.code == .forbiddenEndpoint {
            // Refused by the policy before any request: says nothing of what is there.
            throw error
        } catch {
            throw LTIError(.invalidResponse, "The platform's OpenID configuration could not be fetched or read.", cause: error)
        }
        try configuration.validate(fetchedFrom: url)

        let document = tool.document(messageTypes: configuration.supportedMessageTypes)
        let body = try JSONEncoder().encode(document)
        let answer = try await exchange.send(
            "POST",
            configuration.registrationEndpoint,
            headers: [("Content-Type", "application/json"), ("Accept", "application/json")] + bearer,
            body: body
        )
        guard (200..<300).contains(answer.status) else {
            throw LTIError(
                .invalidResponse,
                "The platform did not accept the registration.",
                cause: LTIError(.invalidResponse, "HTTP \(answer.status)")
            )
        }
        guard let registered = try? JSONDecoder().decode([String: JSONValue].self, from: answer.body),
            let clientID = registered["client_id"]?.stringValue, !clientID.isEmpty, clientID.count <= 255
        else { throw LTIError(.invalidResponse, "The platform's registration answer has no client_id.") }
        let toolPart = registered["https://purl.imsglobal.org/spec/lti-tool-configuration"]?.objectValue
        let deploymentID: String? =
            switch toolPart?["deployment_id"] {
            case .string(let text): text
            case .int(let number): String(number)
            case .double(let number) where number == number.rounded() && abs(number) < 1e15: String(Int64(number))
            default: nil
            }
        guard let deploymentID, !deploymentID.isEmpty, deploymentID.count <= 255 else {
            throw LTIError(.invalidResponse, "The platform's registration answer has no deployment_id.")
        }
        return Platform(
            issuer: configuration.issuer,
            clientID: clientID,
            deploymentIDs: [deploymentID],
            authURL: configuration.authorizationEndpoint,
            tokenURL: configuration.tokenEndpoint,
            jwksURL: configuration.jwksURI,
            preset: configuration.preset
        )
    }
}
