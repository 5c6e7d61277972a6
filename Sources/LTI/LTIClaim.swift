/// Claim names of LTI 1.3 and LTI Advantage (1EdTech).
public enum LTIClaim {
    static let lti = "https://purl.imsglobal.org/spec/lti/claim/"
    /// `…/message_type`
    public static let messageType = lti + "message_type"
    /// `…/version`
    public static let version = lti + "version"
    /// `…/deployment_id`
    public static let deploymentID = lti + "deployment_id"
    /// `…/target_link_uri`
    public static let targetLinkURI = lti + "target_link_uri"
    /// `…/resource_link`
    public static let resourceLink = lti + "resource_link"
    /// `…/roles`
    public static let roles = lti + "roles"
    /// `…/context`
    public static let context = lti + "context"
    /// `…/custom`
    public static let custom = lti + "custom"
    /// `…/lis`
    public static let lis = lti + "lis"
    /// `…/tool_platform`
    public static let toolPlatform = lti + "tool_platform"
    /// `…/launch_presentation`
    public static let launchPresentation = lti + "launch_presentation"
    /// The LTI 1.1 user id of the same user (Canvas sends it to tools migrating from 1.1).
    public static let lti11LegacyUserID = lti + "lti11_legacy_user_id"
    /// The AGS endpoint claim.
    public static let agsEndpoint = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
    /// The NRPS claim.
    public static let nrps = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
    /// The deep-linking settings claim.
    public static let deepLinkingSettings = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
    /// The deep-linking response's content items.
    public static let contentItems = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items"
    /// The deep-linking response's echoed `data`.
    public static let deepLinkingData = "https://purl.imsglobal.org/spec/lti-dl/claim/data"
    /// The deep-linking response's message.
    public static let deepLinkingMessage = "https://purl.imsglobal.org/spec/lti-dl/claim/msg"
}

/// AGS scopes.
public enum AGSScope {
    /// Manage line items.
    public static let lineItem = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
    /// Read line items.
    public static let lineItemReadOnly = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly"
    /// Read results.
    public static let resultReadOnly = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly"
    /// Post scores.
    public static let score = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
    /// Read memberships (NRPS).
    public static let nrpsMembershipReadOnly = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
}
