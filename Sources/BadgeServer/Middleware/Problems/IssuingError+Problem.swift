public import BadgeIssuing
import Primitives
public import Hummingbird

/// Use cases that are not set up: EDCI without a schema set is 503; bad configuration is the
/// server's own failure.
extension IssuingError: HTTPResponseError, ProblemConvertible {
    public var problem: ProblemDetails {
        if code == .edciUnavailable {
            return ProblemDetails(status: .serviceUnavailable, title: "EDCI not configured", detail: message, code: code.description)
        }
        return .internal
    }
}
