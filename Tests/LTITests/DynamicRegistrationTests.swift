import AsyncHTTPClient
import Foundation
import LTI
import LTITesting
import Primitives
import Testing

@Suite("LTI Dynamic Registration, tool side")
struct DynamicRegistrationTests {
    static let tool = ToolRegistration(
        clientName: "badged",
        loginURL: URL(string: "https://tool.example/lti/login")!,  // literal, valid
        launchURL: URL(string: "https://tool.example/lti/launch")!,  // literal, valid
        jwksURL: URL(string: "https://tool.example/lti/jwks")!,  // literal, valid
        description: "test tool"
    )

    @Test func registersWithTheMoodlePlatformAndReturnsItsRegistration() async throws {
        try await TestPlatform.withRunning(.moodle) { platform in
            let registered = try await DynamicRegistrar(client: .shared, policy: TestPlatform.outboundPolicy).register(
                configurationURL: platform.openIDConfigurationURL,
                registrationToken: TestPlatform.registrationToken,
                tool: Self.tool
            )
            #expect(registered.issuer == platform.baseURL)
            #expect(registered.clientID == platform.clientID)
            #expect(registered.deploymentIDs == [platform.deploymentID])
            #expect(registered.preset == .moodle)
            #expect(registered.jwksURL.absoluteString == platform.baseURL + "/jwks")
            let sent = try #require(await platform.state.registrations.first)
            let messages = sent["https://purl.imsglobal.org/spec/lti-tool-configuration"]?.objectValue?["messages"]?.arrayValue ?? []
            #expect(messages.compactMap { $0.objectValue?["type"]?.stringValue } == ["LtiResourceLinkRequest", "LtiDeepLinkingRequest"])
            #expect(sent["grant_types"] == ["implicit", "client_credentials"])
        }
    }

    @Test func aWrongRegistrationTokenOrAnotherIssuerIsRefused() async throws {
        try await TestPlatform.withRunning(.moodle) { platform in
            let registrar = DynamicRegistrar(client: .shared, policy: TestPlatform.outboundPolicy)
            let refused = await #expect(throws: LTIError.self) {
                try await registrar.register(configurationURL: platform.openIDConfigurationURL, registrationToken: "guess", tool: Self.tool)
            }
            #expect(refused?.code == .invalidResponse)
            await platform.state.setConfigurationIssuer("https://other.example")
            let mismatch = await #expect(throws: LTIError.self) {
                try await registrar.register(
                    configurationURL: platform.openIDConfigurationURL,
                    registrationToken: TestPlatform.registrationToken,
                    tool: Self.tool
                )
            }
            #expect(mismatch?.code == .invalidRequest)
            #expect(await platform.state.registrations.isEmpty)
        }
    }

    @Test(arguments: ["http://lms.example/.well-known/openid-configuration", "ftp://lms.example/c", "not a url", "https://user@lms.example/c"])
    func unsafeConfigurationURLsAreRefusedBeforeAnyRequest(url: String) async throws {
        let error = await #expect(throws: LTIError.self) {
            try await DynamicRegistrar(client: .shared, policy: TestPlatform.outboundPolicy).register(
                configurationURL: url,
                registrationToken: nil,
                tool: Self.tool
            )
        }
        #expect(error?.code == .invalidRequest)
    }

    @Test func configurationChecksFollowTheSpecification() throws {
        func configuration(_ changes: [String: Any] = [:]) throws -> PlatformConfiguration {
            var object: [String: Any] = [
                "issuer": "https://lms.example", "authorization_endpoint": "https://lms.example/auth",
                "registration_endpoint": "https://lms.example/register", "jwks_uri": "https://lms.example/jwks",
                "token_endpoint": "https://lms.example/token", "id_token_signing_alg_values_supported": ["RS256"],
                "https://purl.imsglobal.org/spec/lti-platform-configuration": [
                    "product_family_code": "canvas", "messages_supported": [["type": "LtiResourceLinkRequest"]],
                ],
            ]
            object.merge(changes) { _, new in new }
            return try JSONDecoder().decode(PlatformConfiguration.self, from: JSONSerialization.data(withJSONObject: object))
        }
        let source = URL(string: "https://lms.example/api/lti/security/openid-configuration")!  // literal, valid
        try configuration().validate(fetchedFrom: source)
        #expect(try configuration().preset == .canvas)
        #expect(try configuration().supportedMessageTypes == ["LtiResourceLinkRequest"])
        for broken: [String: Any] in [
            ["issuer": "http://lms.example"], ["issuer": "https://elsewhere.example"], ["jwks_uri": "http://lms.example/jwks"],
            ["id_token_signing_alg_values_supported": ["HS256"]], ["token_endpoint_auth_methods_supported": ["client_secret_basic"]],
            ["https://purl.imsglobal.org/spec/lti-platform-configuration": ["messages_supported": [["type": "LtiDeepLinkingRequest"]]]],
        ] {
            #expect(throws: LTIError.self) { try configuration(broken).validate(fetchedFrom: source) }
        }
        // Hosted Canvas: one shared issuer, configuration served by the instance's own host.
        let canvas = try configuration(["issuer": "https://canvas.instructure.com"])
        try canvas.validate(fetchedFrom: try #require(URL(string: "https://university.instructure.com/api/lti/security/openid-configuration")))
        #expect(throws: LTIError.self) {
            try canvas.validate(fetchedFrom: try #require(URL(string: "https://instructure.com.evil.example/api/lti/security/openid-configuration")))
        }
        let document = Self.tool.document(messageTypes: ["LtiResourceLinkRequest"])
        let messages = document["https://purl.imsglobal.org/spec/lti-tool-configuration"]?.objectValue?["messages"]?.arrayValue
        #expect(messages?.count == 1)
    }

    /// Whatever the configuration URL points at — a closed port, a page that is not found, a
    /// page that is not JSON — the caller gets the same answer, so the registration page cannot
    /// be used to learn what answers where.
    @Test func upstreamAnswersAreNotEchoed() async throws {
        try await TestPlatform.withRunning(.moodle) { platform in
            let registrar = DynamicRegistrar(client: .shared, policy: TestPlatform.outboundPolicy)
            var messages: Set<String> = []
            for url in ["http://127.0.0.1:9/config", platform.baseURL + "/no/such/config", platform.baseURL + "/jwks"] {
                let error = await #expect(throws: LTIError.self) {
                    try await registrar.register(configurationURL: url, registrationToken: nil, tool: Self.tool)
                }
                #expect(error?.code == .invalidResponse)
                messages.insert(error?.message ?? "")
            }
            #expect(messages.count == 1)
            #expect(messages.allSatisfy { !$0.contains("HTTP") && !$0.contains("404") })
        }
    }
}
