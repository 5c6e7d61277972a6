import EDCI
import Foundation
public import LTI

/// Reads an `imsx_POXEnvelopeRequest` with the same safe libxml2 parser as EDCI (no network, no
/// DTD, no entities, size-bounded).
enum BasicOutcomeReader {
    /// The largest POX message accepted.
    static let maximumBytes = 64 * 1024
    /// The POX namespace.
    static let namespace = "http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0"

    /// The request in `body`.
    /// - Throws: ``LTIError`` `.invalidRequest` for anything but a well-formed POX request.
    static func read(_ body: Data) throws -> BasicOutcomeRequest {
        let document: LibXMLDocument
        do {
            document = try LibXMLDocument(parsing: body, limits: .init(maxBytes: maximumBytes))
        } catch {
            throw LTIError(.invalidRequest, "The body is not a well-formed POX message: \(error.message)")
        }
        guard let root = document.rootElement(maximumElements: 200), root.name == "imsx_POXEnvelopeRequest", root.namespace == namespace else {
            throw LTIError(.invalidRequest, "The body is not an imsx_POXEnvelopeRequest in the LTI 1.1 outcomes namespace.")
        }
        let messageID =
            root.descendant("imsx_POXHeader", "imsx_POXRequestHeaderInfo", "imsx_messageIdentifier")?.text
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !messageID.isEmpty, messageID.count <= 256 else {
            throw LTIError(.invalidRequest, "The POX header needs an imsx_messageIdentifier of at most 256 characters.")
        }
        guard let operation = root.child("imsx_POXBody")?.children.first, operation.name.hasSuffix("Request") else {
            throw LTIError(.invalidRequest, "The POX body names no operation.")
        }
        let name = String(operation.name.dropLast("Request".count))
        let sourcedID = operation.descendant("resultRecord", "sourcedGUID", "sourcedId")?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let parsed: BasicOutcomeRequest.Operation
        switch name {
        case "replaceResult":
            let result = operation.descendant("resultRecord", "result")
            let scoreText = result?.descendant("resultScore", "textString")?.text
            let data = result?.descendant("resultData", "text")?.text
            // A missing or unreadable score is nil, answered `failure` by the service.
            parsed = .replaceResult(score: scoreText.flatMap(BasicOutcomeRequest.score(fromText:)), text: data.map { String($0.prefix(2_000)) })
        case "readResult": parsed = .readResult
        case "deleteResult": parsed = .deleteResult
        default: parsed = .unsupported(name: String(name.prefix(100)))
        }
        return BasicOutcomeRequest(messageIdentifier: messageID, sourcedID: sourcedID, operation: parsed)
    }
}
