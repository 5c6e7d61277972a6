public import EDCI
import Primitives
public import Hummingbird

/// EDCI documents the caller sent that cannot be read or validated are 422; failures of the
/// schema set, keys or libxml2 itself are the server's.
extension EDCIError: HTTPResponseError, ProblemConvertible {
    public var problem: ProblemDetails {
        let status: HTTPResponse.Status =
            [.schemaUnavailable, .internalFailure, .keyMaterial, .signing].contains(code) ? .internalServerError : .unprocessableContent
        return ProblemDetails(status: status, title: "EDCI document refused", detail: message, code: code.description)
    }
}
