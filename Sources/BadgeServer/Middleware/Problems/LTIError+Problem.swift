public import Hummingbird
public import LTI
import Primitives

/// Refused logins and launches: malformed requests 400, unknown platforms and deployments 403,
/// platform failures 502, everything about the token's trust 401.
extension LTIError: HTTPResponseError, ProblemConvertible {
    public var problem: ProblemDetails {
        let status: HTTPResponse.Status =
            switch code {
            case .invalidRequest, .malformedToken, .missingClaim, .wrongMessageType, .wrongVersion, .missingResourceLink: .badRequest
            case .unknownPlatform, .ambiguousPlatform, .unknownDeployment: .forbidden
            case .keySetUnavailable, .tokenRequestFailed, .serviceRequestFailed, .invalidResponse: .badGateway
            case .invalidKey: .internalServerError
            default: .unauthorized
            }
        return ProblemDetails(status: status, title: "LTI request refused", detail: message, code: code.description)
    }
}
