import Foundation
import JWTKit
import Primitives

/// The claims of a platform id_token as raw JSON, decoded only after the signature verified.
///
/// The checks live in ``IDTokenClaims/validate(platform:launchState:now:leeway:)`` rather than in
/// `verify(using:)` so that every failure gets its own ``LTIError`` code and the clock is injected.
struct IDTokenClaims: JWTPayload {
    var values: [String: JSONValue]

    init(values: [String: JSONValue]) { self.values = values }

    init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: JSONValue].self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}

    subscript(_ name: String) -> JSONValue? { values[name] }

    func string(_ name: String) -> String? { values[name]?.stringValue }

    func object(_ name: String) -> [String: JSONValue]? { values[name]?.objectValue }
}

extension IDTokenClaims {
    /// Claim names the launch models; the rest go to ``LTILaunch/extraClaims``.
    static let modelled: Set<String> = [
        "iss", "aud", "azp", "sub", "exp", "iat", "nbf", "nonce", "name", "given_name", "family_name", "email",
        "middle_name", "picture", "locale", LTIClaim.messageType, LTIClaim.version, LTIClaim.deploymentID,
        LTIClaim.targetLinkURI, LTIClaim.resourceLink, LTIClaim.roles, LTIClaim.context, LTIClaim.custom,
        LTIClaim.lis, LTIClaim.agsEndpoint, LTIClaim.nrps, LTIClaim.deepLinkingSettings,
    ]

    /// Runs every claim check of an LTI 1.3 launch and builds the launch value.
    /// - Throws: ``LTIError`` with the code of the first failed check.
    func validate(platform: Platform, launchState: LaunchState, now: Date, leeway: TimeInterval) throws -> LTILaunch {
        guard string("iss") == launchState.issuer, platform.issuer == launchState.issuer else {
            throw LTIError(.wrongIssuer, "The id_token's issuer is not the platform the login started with.")
        }
        try checkAudience(clientID: platform.clientID)
        try checkTimes(now: now, leeway: leeway)
        guard string("nonce") == launchState.nonce else {
            throw LTIError(.nonceMismatch, "The id_token's nonce is not the one issued for this login.")
        }
        guard let deploymentID = string(LTIClaim.deploymentID), platform.deploymentIDs.contains(deploymentID) else {
            throw LTIError(.unknownDeployment, "The deployment id is not registered for this platform.")
        }
        guard let rawType = string(LTIClaim.messageType), let messageType = LTILaunch.MessageType(rawValue: rawType) else {
            throw LTIError(.wrongMessageType, "The message type must be LtiResourceLinkRequest or LtiDeepLinkingRequest.")
        }
        guard string(LTIClaim.version) == "1.3.0" else {
            throw LTIError(.wrongVersion, "The LTI version must be 1.3.0.")
        }
        let resourceLink = object(LTIClaim.resourceLink).flatMap { link in
            link["id"]?.textValue.isEmpty == false ? link : nil
        }
        if messageType == .resourceLink, resourceLink == nil {
            throw LTIError(.missingResourceLink, "A resource link launch must carry resource_link.id.")
        }
        let deepLinking = try deepLinkingSettings(required: messageType == .deepLinking, platform: platform)
        return LTILaunch(
            messageType: messageType,
            issuer: launchState.issuer,
            clientID: platform.clientID,
            preset: platform.preset,
            deploymentID: deploymentID,
            targetLinkURI: string(LTIClaim.targetLinkURI),
            user: LTILaunch.User(
                subject: string("sub").flatMap { $0.isEmpty ? nil : $0 },
                name: string("name"),
                givenName: string("given_name"),
                familyName: string("family_name"),
                email: string("email"),
                personSourcedID: object(LTIClaim.lis)?["person_sourcedid"]?.stringValue
            ),
            roles: (self[LTIClaim.roles]?.arrayValue ?? []).compactMap(\.stringValue),
            context: object(LTIClaim.context).flatMap { context in
                context["id"].map {
                    LTILaunch.Context(id: $0.textValue, label: context["label"]?.stringValue, title: context["title"]?.stringValue)
                }
            },
            resourceLink: resourceLink.flatMap { link in
                link["id"].map {
                    LTILaunch.ResourceLink(id: $0.textValue, title: link["title"]?.stringValue, description: link["description"]?.stringValue)
                }
            },
            custom: (object(LTIClaim.custom) ?? [:]).mapValues(\.textValue),
            ags: agsEndpoint(),
            nrps: nrpsEndpoint(),
            deepLinking: deepLinking,
            extraClaims: values.filter { !Self.modelled.contains($0.key) }
        )
    }

    private func checkAudience(clientID: String) throws {
        switch self["aud"] {
        case .string(let audience):
            // Moodle sends a single string and no azp.
            guard audience == clientID else { throw LTIError(.wrongAudience, "The id_token is not addressed to this tool's client id.") }
            if let azp = string("azp"), azp != clientID {
                throw LTIError(.authorizedPartyMismatch, "The id_token's azp is not this tool's client id.")
            }
        case .array(let audiences):
            guard audiences.contains(.string(clientID)) else {
                throw LTIError(.wrongAudience, "The id_token is not addressed to this tool's client id.")
            }
            guard string("azp") == clientID else {
                throw LTIError(.authorizedPartyMismatch, "With several audiences, azp must be this tool's client id.")
            }
        default:
            throw LTIError(.wrongAudience, "The id_token has no audience.")
        }
    }

    private func checkTimes(now: Date, leeway: TimeInterval) throws {
        guard let exp = self["exp"]?.numberValue, let iat = self["iat"]?.numberValue else {
            throw LTIError(.missingClaim, "The id_token must carry exp and iat.")
        }
        let current = now.timeIntervalSince1970
        guard current <= exp + leeway else { throw LTIError(.expired, "The id_token has expired.") }
        guard iat <= current + leeway else { throw LTIError(.issuedInFuture, "The id_token was issued in the future.") }
        if let nbf = self["nbf"]?.numberValue, nbf > current + leeway {
            throw LTIError(.issuedInFuture, "The id_token is not valid yet (nbf).")
        }
    }

    private func agsEndpoint() -> LTILaunch.AGSEndpoint? {
        guard let claim = object(LTIClaim.agsEndpoint) else { return nil }
        return LTILaunch.AGSEndpoint(
            scopes: (claim["scope"]?.arrayValue ?? []).compactMap(\.stringValue),
            lineItemsURL: claim["lineitems"]?.stringValue.flatMap(URL.init(string:)),
            lineItemURL: claim["lineitem"]?.stringValue.flatMap(URL.init(string:))
        )
    }

    private func nrpsEndpoint() -> LTILaunch.NRPSEndpoint? {
        guard let claim = object(LTIClaim.nrps), let url = claim["context_memberships_url"]?.stringValue.flatMap(URL.init(string:)) else {
            return nil
        }
        return LTILaunch.NRPSEndpoint(
            contextMembershipsURL: url,
            serviceVersions: (claim["service_versions"]?.arrayValue ?? []).compactMap(\.stringValue)
        )
    }

    private func deepLinkingSettings(required: Bool, platform: Platform) throws -> LTILaunch.DeepLinkingSettings? {
        guard let claim = object(LTIClaim.deepLinkingSettings) else {
            if required { throw LTIError(.missingClaim, "A deep-linking request must carry deep_linking_settings.") }
            return nil
        }
        guard let returnURL = claim["deep_link_return_url"]?.stringValue.flatMap(URL.init(string:)) else {
            if required { throw LTIError(.missingClaim, "The deep-linking settings lack deep_link_return_url.") }
            return nil
        }
        guard platform.acceptsReturnURL(returnURL) else {
            throw LTIError(.untrustedReturnURL, "The deep_link_return_url must be an https URL on the registered platform's host.")
        }
        return LTILaunch.DeepLinkingSettings(
            returnURL: returnURL,
            acceptTypes: (claim["accept_types"]?.arrayValue ?? []).compactMap(\.stringValue),
            acceptPresentationDocumentTargets: (claim["accept_presentation_document_targets"]?.arrayValue ?? []).compactMap(\.stringValue),
            acceptMultiple: claim["accept_multiple"]?.lenientBoolValue ?? false,
            acceptLineItem: claim["accept_lineitem"]?.lenientBoolValue ?? false,
            autoCreate: claim["auto_create"]?.lenientBoolValue ?? false,
            title: claim["title"]?.stringValue,
            text: claim["text"]?.stringValue,
            data: claim["data"]?.stringValue
        )
    }
}
