public import LTI
public import Primitives

/// A launch ``TestPlatform`` makes when a browser reaches its authorization endpoint with the
/// scenario's `lti_message_hint`: who launches, with which message type and claims.
public struct LaunchScenario: Sendable {
    /// The LIS role of a teacher.
    public static let instructorRole = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
    /// The LIS role of a student.
    public static let learnerRole = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"

    /// `LtiResourceLinkRequest` or `LtiDeepLinkingRequest`.
    public var messageType: String
    /// The role URIs.
    public var roles: [String]
    /// The `sub` claim.
    public var subject: String
    /// Claims set (or replaced) after the flavour's usual claims.
    public var claims: [String: JSONValue]
    /// Claims removed from the flavour's usual claims.
    public var removedClaims: Set<String>
    /// Signs the id_token instead of the platform's current key (a forger's key).
    public var signingKey: ToolKey?

    /// Creates a scenario.
    public init(
        messageType: String = "LtiResourceLinkRequest",
        roles: [String] = [LaunchScenario.learnerRole],
        subject: String = "user-42",
        claims: [String: JSONValue] = [:],
        removing removedClaims: Set<String> = [],
        signingKey: ToolKey? = nil
    ) {
        self.signingKey = signingKey
        self.messageType = messageType
        self.roles = roles
        self.subject = subject
        self.claims = claims
        self.removedClaims = removedClaims
    }

    /// A teacher opening a resource link.
    public static var instructor: LaunchScenario { LaunchScenario(roles: [instructorRole], subject: "teacher-1") }
    /// A student opening a resource link.
    public static var student: LaunchScenario { LaunchScenario() }
    /// A teacher placing content (LtiDeepLinkingRequest, no resource link).
    public static var deepLinking: LaunchScenario {
        LaunchScenario(messageType: "LtiDeepLinkingRequest", roles: [instructorRole], subject: "teacher-1")
    }
}
