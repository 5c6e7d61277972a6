public import Foundation
public import Primitives

/// A validated LTI 1.3 launch: everything the tool may trust after every launch check passed.
public struct LTILaunch: Hashable, Sendable, Codable {
    /// The LTI message types this tool accepts.
    public enum MessageType: String, Hashable, Sendable, Codable {
        /// A resource link launch (a student or teacher opens the tool in a course).
        case resourceLink = "LtiResourceLinkRequest"
        /// A deep-linking request (a teacher picks content to place in the course).
        case deepLinking = "LtiDeepLinkingRequest"
    }

    /// The user as the platform describes them.
    public struct User: Hashable, Sendable, Codable {
        /// The platform's stable user id (`sub`); `nil` for anonymous launches.
        public var subject: String?
        /// `name`.
        public var name: String?
        /// `given_name`.
        public var givenName: String?
        /// `family_name`.
        public var familyName: String?
        /// `email`.
        public var email: String?
        /// `lis.person_sourcedid` (the SIS id, such as a student number).
        public var personSourcedID: String?
    }

    /// The course the launch came from.
    public struct Context: Hashable, Sendable, Codable {
        /// `context.id`.
        public var id: String
        /// `context.label` (course code).
        public var label: String?
        /// `context.title`.
        public var title: String?

        /// Creates a context.
        public init(id: String, label: String? = nil, title: String? = nil) {
            self.id = id
            self.label = label
            self.title = title
        }
    }

    /// The placement that was launched.
    public struct ResourceLink: Hashable, Sendable, Codable {
        /// `resource_link.id`.
        public var id: String
        /// `resource_link.title`.
        public var title: String?
        /// `resource_link.description`.
        public var description: String?
    }

    /// The AGS endpoint claim: where to read results and post scores.
    public struct AGSEndpoint: Hashable, Sendable, Codable {
        /// The scopes the platform granted.
        public var scopes: [String]
        /// The line items container URL.
        public var lineItemsURL: URL?
        /// The line item of this resource link, if the platform created one.
        public var lineItemURL: URL?
    }

    /// The NRPS claim: where to read the course membership.
    public struct NRPSEndpoint: Hashable, Sendable, Codable {
        /// `context_memberships_url`.
        public var contextMembershipsURL: URL
        /// `service_versions`.
        public var serviceVersions: [String]
    }

    /// The deep-linking settings of an LtiDeepLinkingRequest.
    public struct DeepLinkingSettings: Hashable, Sendable, Codable {
        /// Where the deep-linking response is posted.
        public var returnURL: URL
        /// Accepted content item types (`ltiResourceLink`, `link`, …).
        public var acceptTypes: [String]
        /// Accepted presentation targets (`iframe`, `window`, …).
        public var acceptPresentationDocumentTargets: [String]
        /// Whether several items may be returned (Moodle sends "true"/"false" as strings).
        public var acceptMultiple: Bool
        /// Whether a line item may be declared on content items.
        public var acceptLineItem: Bool
        /// Whether the platform creates the items without further teacher input.
        public var autoCreate: Bool
        /// Suggested title.
        public var title: String?
        /// Suggested text.
        public var text: String?
        /// Opaque `data` the response must echo.
        public var data: String?
    }

    /// The message type.
    public var messageType: MessageType
    /// The issuer (platform) of the launch.
    public var issuer: String
    /// The client id (registration) of the launch.
    public var clientID: String
    /// The LMS family of the registration.
    public var preset: Platform.Preset
    /// The deployment id.
    public var deploymentID: String
    /// The `target_link_uri` claim.
    public var targetLinkURI: String?
    /// The user.
    public var user: User
    /// The role URIs (`http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor`, …).
    public var roles: [String]
    /// The course, if the launch happened in one.
    public var context: Context?
    /// The resource link (always present for resource link launches).
    public var resourceLink: ResourceLink?
    /// Custom parameters, values rendered as text.
    public var custom: [String: String]
    /// The AGS claim, if the platform offers grade services.
    public var ags: AGSEndpoint?
    /// The NRPS claim, if the platform offers names and roles.
    public var nrps: NRPSEndpoint?
    /// The deep-linking settings (always present for deep-linking requests).
    public var deepLinking: DeepLinkingSettings?
    /// Claims this type does not model (vendor claims such as Canvas's placement or
    /// `lti11_legacy_user_id`), keyed by claim name.
    public var extraClaims: [String: JSONValue]

    /// Whether the user teaches or administers the context (Instructor, ContentDeveloper,
    /// TeachingAssistant or Administrator, in the context or institution role vocabularies).
    public var isInstructor: Bool {
        let teaching = ["Instructor", "ContentDeveloper", "TeachingAssistant", "Administrator"]
        // Split on the UTF-8 bytes: splitting by Character was ~1 % of a launch's CPU.
        return roles.contains { role in
            guard let fragment = role.utf8.split(separator: UInt8(ascii: "#")).last else { return false }
            let base = fragment.split(separator: UInt8(ascii: "/")).first ?? fragment
            return teaching.contains { $0.utf8.elementsEqual(base) } && !role.contains("/system/")
        }
    }
}
