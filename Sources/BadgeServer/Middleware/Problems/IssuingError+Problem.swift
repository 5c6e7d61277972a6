public import BadgeIssuing
import Hummingbird
public import Primitives

/// Use cases that are not set up: EDCI without a schema set is 503; bad configuration is the
/// server's own failure.
extension IssuingErrors: ProblemMapping {
    public static func problem(for error: IssuingError) -> ProblemDetails {
        if error.code == .edciUnavailable {
            return ProblemDetails(status: .serviceUnavailable, title: "EDCI not configured", detail: error.message, code: error.code.description)
        }
        return .internal
    }
}
