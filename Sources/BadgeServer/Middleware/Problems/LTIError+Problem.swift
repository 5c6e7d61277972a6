import Hummingbird
public import LTI
public import Primitives

/// Refused logins and launches: malformed requests 400, unknown platforms and deployments 403,
/// platform failures 502, everything about the token's trust 401.
extension LTIErrors: ProblemMapping {
    public static func problem(for error: LTIError) -> ProblemDetails {
        let status: HTTPResponse.Status =
            switch error.code {
            case .invalidRequest, .malformedToken, .missingClaim, .wrongMessageType, .wrongVersion, .missingResourceLink, .untrustedReturnURL,
                .forbiddenEndpoint:
                .badRequest
            case .unknownPlatform, .ambiguousPlatform, .unknownDeployment: .forbidden
            case .keySetUnavailable, .tokenRequestFailed, .serviceRequestFailed, .invalidResponse: .badGateway
            case .invalidKey: .internalServerError
            default: .unauthorized
            }
        return ProblemDetails(status: status, title: "LTI request refused", detail: error.message, code: error.code.description)
    }
}
