public import Foundation
import Hummingbird
import LTI
import Primitives

extension TestPlatform {
    /// The registration token the platform hands the tool in Dynamic Registration.
    public static let registrationToken = "registration-token-1"

    /// Where the platform's OpenID configuration lives (Moodle's and Canvas's paths).
    public var openIDConfigurationURL: String {
        baseURL + (flavour == .moodle ? "/mod/lti/openid-configuration.php" : "/api/lti/security/openid-configuration")
    }

    /// The query an LMS appends to the tool's registration URL when an administrator starts
    /// Dynamic Registration.
    public var registrationQuery: String {
        "openid_configuration=\(openIDConfigurationURL.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            + "&registration_token=\(Self.registrationToken)"
    }
}

extension TestPlatformRoutes {
    /// The OpenID configuration and client registration endpoints of LTI Dynamic Registration.
    /// Both demand the registration token; the registration answers with the platform's client id
    /// and deployment id after checking what the tool asked for.
    static func registerDynamicRegistration(on router: Router<BasicRequestContext>, state: TestPlatformState) {
        for path in ["/mod/lti/openid-configuration.php", "/api/lti/security/openid-configuration"] {
            router.get(RouterPath(path)) { request, _ in
                guard let platform = await state.platform else { return Response(status: .notFound) }
                guard request.headers[.authorization] == "Bearer \(TestPlatform.registrationToken)" else { return Response(status: .unauthorized) }
                let issuer = await state.configurationIssuer ?? platform.baseURL
                let configuration: [String: JSONValue] = [
                    "issuer": .string(issuer),
                    "authorization_endpoint": .string(platform.baseURL + "/auth?tenant=1"),
                    "registration_endpoint": .string(platform.baseURL + "/mod/lti/openid-registration.php"),
                    "jwks_uri": .string(platform.baseURL + "/jwks"),
                    "token_endpoint": .string(platform.tokenURL.absoluteString),
                    "token_endpoint_auth_methods_supported": ["private_key_jwt"],
                    "token_endpoint_auth_signing_alg_values_supported": ["RS256"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                    "scopes_supported": ["openid", .string(AGSScope.lineItem), .string(AGSScope.score), .string(AGSScope.resultReadOnly)],
                    "response_types_supported": ["id_token"],
                    "subject_types_supported": ["public", "pairwise"],
                    "claims_supported": ["sub", "iss", "name", "given_name", "family_name", "email"],
                    "https://purl.imsglobal.org/spec/lti-platform-configuration": [
                        "product_family_code": platform.flavour == .moodle ? "moodle" : "canvas", "version": "4.4",
                        "messages_supported": [["type": "LtiResourceLinkRequest"], ["type": "LtiDeepLinkingRequest"]],
                    ],
                ]
                return Response(
                    status: .ok,
                    headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(configuration)))
                )
            }
        }
        router.post("/mod/lti/openid-registration.php") { request, _ in
            guard let platform = await state.platform else { return Response(status: .notFound) }
            guard request.headers[.authorization] == "Bearer \(TestPlatform.registrationToken)" else { return Response(status: .unauthorized) }
            let body = try await request.body.collect(upTo: 1 << 16)
            guard var document = try? JSONDecoder().decode([String: JSONValue].self, from: Data(body.readableBytesView)),
                var tool = document["https://purl.imsglobal.org/spec/lti-tool-configuration"]?.objectValue,
                document["token_endpoint_auth_method"] == "private_key_jwt",
                document["initiate_login_uri"]?.stringValue != nil, document["jwks_uri"]?.stringValue != nil,
                document["redirect_uris"]?.arrayValue?.isEmpty == false,
                tool["domain"]?.stringValue?.isEmpty == false, tool["target_link_uri"]?.stringValue != nil,
                tool["messages"]?.arrayValue?.contains(where: { $0.objectValue?["type"] == "LtiDeepLinkingRequest" }) == true
            else { return Response(status: .badRequest) }
            await state.recordRegistration(document)
            tool["deployment_id"] = .string(platform.deploymentID)
            document["https://purl.imsglobal.org/spec/lti-tool-configuration"] = .object(tool)
            document["client_id"] = .string(platform.clientID)
            return Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(document)))
            )
        }
    }
}
