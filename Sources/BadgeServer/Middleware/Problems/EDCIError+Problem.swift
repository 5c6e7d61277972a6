public import EDCI
import Hummingbird
public import Primitives

/// EDCI documents the caller sent that cannot be read or validated are 422; failures of the
/// schema set, keys or libxml2 itself are the server's.
extension EDCIErrors: ProblemMapping {
    public static func problem(for error: EDCIError) -> ProblemDetails {
        let status: HTTPResponse.Status =
            [.schemaUnavailable, .internalFailure, .keyMaterial, .signing].contains(error.code) ? .internalServerError : .unprocessableContent
        return ProblemDetails(status: status, title: "EDCI document refused", detail: error.message, code: error.code.description)
    }
}
