public import Foundation

/// The answer to a ``BasicOutcomeRequest``: an `imsx_POXEnvelopeResponse` document.
public struct BasicOutcomeResponse: Sendable, Hashable {
    /// The XML namespace of LTI 1.1 Basic Outcomes messages.
    public static let namespace = "http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0"

    /// The `imsx_codeMajor` of the status.
    public enum CodeMajor: String, Sendable, Hashable {
        /// The operation succeeded.
        case success
        /// The operation failed (unknown sourcedId, score out of range, …).
        case failure
        /// The operation is not supported by this tool.
        case unsupported
    }

    /// The `imsx_severity` of the status.
    public enum Severity: String, Sendable, Hashable {
        /// Informational: a success, or an unsupported operation.
        case status
        /// The operation failed.
        case error
    }

    /// The operation-specific content of `imsx_POXBody`.
    public enum Body: Sendable, Hashable {
        /// An empty `imsx_POXBody` (for failures and unsupported operations).
        case empty
        /// `<replaceResultResponse/>`.
        case replaceResult
        /// `<deleteResultResponse/>`.
        case deleteResult
        /// `<readResultResponse>` with the score (empty text when there is none or it is not finite).
        case readResult(score: Double?)
    }

    /// This response's own `imsx_messageIdentifier` (a new, unique id).
    public var messageIdentifier: String
    /// The request's `imsx_messageIdentifier`, echoed as `imsx_messageRefIdentifier`.
    public var messageRefIdentifier: String
    /// The operation answered, such as `replaceResult` (`imsx_operationRefIdentifier`).
    public var operationRefIdentifier: String
    /// The outcome of the operation.
    public var codeMajor: CodeMajor
    /// A human-readable `imsx_description`; it is escaped when rendered.
    public var description: String
    /// The operation-specific content.
    public var body: Body

    /// `status` for success and unsupported operations, `error` for failures.
    public var severity: Severity { codeMajor == .failure ? .error : .status }

    /// Creates a response.
    ///
    /// - Parameters:
    ///   - messageIdentifier: This response's own, new message id.
    ///   - messageRefIdentifier: The request's message id.
    ///   - operationRefIdentifier: The operation answered, such as `replaceResult`.
    ///   - codeMajor: The outcome.
    ///   - description: A human-readable description of the outcome.
    ///   - body: The operation-specific content.
    public init(
        messageIdentifier: String,
        messageRefIdentifier: String,
        operationRefIdentifier: String,
        codeMajor: CodeMajor,
        description: String,
        body: Body = .empty
    ) {
        self.messageIdentifier = messageIdentifier
        self.messageRefIdentifier = messageRefIdentifier
        self.operationRefIdentifier = operationRefIdentifier
        self.codeMajor = codeMajor
        self.description = description
        self.body = body
    }

    /// Creates the response to a request, echoing its message id and operation name.
    ///
    /// - Parameters:
    ///   - request: The request answered.
    ///   - messageIdentifier: This response's own, new message id.
    ///   - codeMajor: The outcome.
    ///   - description: A human-readable description of the outcome.
    ///   - body: The operation-specific content.
    public init(answering request: BasicOutcomeRequest, messageIdentifier: String, codeMajor: CodeMajor, description: String, body: Body = .empty) {
        self.init(
            messageIdentifier: messageIdentifier,
            messageRefIdentifier: request.messageIdentifier,
            operationRefIdentifier: request.operation.name,
            codeMajor: codeMajor,
            description: description,
            body: body
        )
    }

    /// The `imsx_POXEnvelopeResponse` document, UTF-8 with an XML declaration; every text is escaped.
    public var xml: String {
        var writer = XMLWriter()
        writer.start("imsx_POXEnvelopeResponse", attributes: [("xmlns", Self.namespace)])
        writer.start("imsx_POXHeader")
        writer.start("imsx_POXResponseHeaderInfo")
        writer.element("imsx_version", text: "V1.0")
        writer.element("imsx_messageIdentifier", text: messageIdentifier)
        writer.start("imsx_statusInfo")
        writer.element("imsx_codeMajor", text: codeMajor.rawValue)
        writer.element("imsx_severity", text: severity.rawValue)
        writer.element("imsx_description", text: description)
        writer.element("imsx_messageRefIdentifier", text: messageRefIdentifier)
        writer.element("imsx_operationRefIdentifier", text: operationRefIdentifier)
        writer.end()
        writer.end()
        writer.end()
        writeBody(into: &writer)
        writer.end()
        return writer.output
    }

    private func writeBody(into writer: inout XMLWriter) {
        switch body {
        case .empty:
            writer.empty("imsx_POXBody")
            return
        case .replaceResult:
            writer.start("imsx_POXBody")
            writer.empty("replaceResultResponse")
        case .deleteResult:
            writer.start("imsx_POXBody")
            writer.empty("deleteResultResponse")
        case .readResult(let score):
            writer.start("imsx_POXBody")
            writer.start("readResultResponse")
            writer.start("result")
            writer.start("resultScore")
            writer.element("language", text: "en")
            writer.element("textString", text: score.map(Self.scoreText) ?? "")
            writer.end()
            writer.end()
            writer.end()
        }
        writer.end()
    }

    /// A plain decimal (never an exponent), so that every consumer can read it back.
    static func scoreText(_ score: Double) -> String {
        guard score.isFinite else { return "" }
        let shortest = "\(score)"
        guard shortest.contains("e") else { return shortest }
        var fixed = String(format: "%.17f", locale: nil, score)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        if fixed.hasSuffix(".") { fixed += "0" }
        return fixed
    }
}
