public import Foundation

/// One LTI 1.1 Basic Outcomes request (`imsx_POXEnvelopeRequest`), as the POX parser reads it.
public struct BasicOutcomeRequest: Sendable, Hashable {
    /// What the consumer asks for.
    public enum Operation: Sendable, Hashable {
        /// Sets the result: `resultScore` (already parsed with ``BasicOutcomeRequest/score(fromText:)``)
        /// and the optional `resultData` text.
        case replaceResult(score: Double?, text: String?)
        /// Reads the result's score.
        case readResult
        /// Deletes the result.
        case deleteResult
        /// Any other operation, by its name without the `Request` suffix (such as `readMembership`).
        case unsupported(name: String)

        /// The operation's name as `imsx_operationRefIdentifier` echoes it, such as `replaceResult`.
        public var name: String {
            switch self {
            case .replaceResult: "replaceResult"
            case .readResult: "readResult"
            case .deleteResult: "deleteResult"
            case .unsupported(let name): name
            }
        }
    }

    /// The longest score text accepted by ``score(fromText:)``, in characters (after trimming).
    public static let maximumScoreTextLength = 64

    /// The request's `imsx_messageIdentifier`, echoed as the response's `imsx_messageRefIdentifier`.
    public var messageIdentifier: String
    /// The `sourcedGUID/sourcedId` naming the result (the `lis_result_sourcedid` of the launch).
    public var sourcedID: String
    /// What the consumer asks for.
    public var operation: Operation

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - messageIdentifier: The request's `imsx_messageIdentifier`.
    ///   - sourcedID: The `sourcedGUID/sourcedId`.
    ///   - operation: What the consumer asks for.
    public init(messageIdentifier: String, sourcedID: String, operation: Operation) {
        self.messageIdentifier = messageIdentifier
        self.sourcedID = sourcedID
        self.operation = operation
    }

    /// Reads a `resultScore/textString` as LTI 1.1 allows it: a plain decimal in the C locale.
    ///
    /// Surrounding whitespace is ignored. Accepted: `0.92`, `1`, `.5`, `1.0`, `1.`, with an
    /// optional leading `+` or `-`. Rejected: exponents (`1e2`), `NaN`, `inf`, hexadecimal, a
    /// decimal comma, thousands separators, empty text and text longer than
    /// ``maximumScoreTextLength``. The range is not checked here; see ``isInOutcomeRange(_:)``.
    ///
    /// - Parameter text: The score text.
    /// - Returns: The score, or `nil` when the text is not a plain decimal.
    public static func score(fromText text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= maximumScoreTextLength else { return nil }
        var digits = Substring(trimmed).utf8[...]
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { digits = digits.dropFirst() }
        let parts = digits.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard parts.allSatisfy({ $0.allSatisfy(isDigit) }), parts.contains(where: { !$0.isEmpty }) else { return nil }
        // Swift's `Double(_:)` does not depend on the process locale.
        return Double(trimmed)
    }

    /// Whether a score lies in the range LTI 1.1 outcomes allow, 0.0 to 1.0 inclusive.
    ///
    /// - Parameter score: A score, as ``score(fromText:)`` returns it.
    /// - Returns: `true` for finite scores from 0.0 to 1.0.
    public static func isInOutcomeRange(_ score: Double) -> Bool {
        score.isFinite && (0.0...1.0).contains(score)
    }
}
