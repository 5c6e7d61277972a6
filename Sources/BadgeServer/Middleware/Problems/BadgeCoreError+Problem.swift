public import BadgeCore
import Hummingbird
public import Primitives

/// Domain rule violations: 422 validation, 404, 409 (conflict and frozen metadata), 403, and 410
/// for a claim code that takes no more claims (expired, used up, disabled) or a spent claim link,
/// 503 for an award that lost to key rotations several times over (retrying succeeds).
extension BadgeCoreErrors: ProblemMapping {
    public static func problem(for error: BadgeCoreError) -> ProblemDetails {
        let (status, title): (HTTPResponse.Status, String) =
            switch error.code {
            case .validation: (.unprocessableContent, "Validation failed")
            case .notFound: (.notFound, "Not found")
            case .conflict: (.conflict, "Conflict")
            case .frozen: (.conflict, "Metadata frozen")
            case .forbidden: (.forbidden, "Forbidden")
            case .claimCodeExpired, .claimCodeUsedUp, .claimCodeDisabled: (.gone, "Claim code no longer valid")
            case .claimLinkUnusable: (.gone, "Link no longer valid")
            case .claimMailUnavailable: (.notFound, "Not available")
            case .signingKeyRetired: (.serviceUnavailable, "Issuer key rotated meanwhile; try again")
            default: (.internalServerError, "Internal error")
            }
        return ProblemDetails(status: status, title: title, detail: error.message, code: error.code.description, field: error.field)
    }
}
