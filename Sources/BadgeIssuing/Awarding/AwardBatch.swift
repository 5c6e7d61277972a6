import BadgeCore
import Foundation
import OpenBadges

/// The bookkeeping of one award request: what happened to each input, by position, with
/// repeated recipients inside the batch answered by the first award to them.
struct AwardBatch {
    /// A validated award not yet stored.
    struct Prepared {
        let assertion: Assertion
        let recipientKey: String
        var outcomeIDs: [UUID] = []
    }

    private enum Outcome {
        case failed(BadgeCoreError)
        case stored(AwardOutcome)
        case repeats(Int)
    }

    private var outcomes: [Outcome?]
    private var firstIndex: [String: Int] = [:]

    init(count: Int) {
        outcomes = Array(repeating: nil, count: count)
    }

    /// Whether this is the batch's first award to the recipient; a repeat is answered later
    /// with the first one's assertion.
    mutating func admit(_ recipientKey: String, index: Int) -> Bool {
        if let first = firstIndex[recipientKey] {
            outcomes[index] = .repeats(first)
            return false
        }
        firstIndex[recipientKey] = index
        return true
    }

    mutating func fail(_ index: Int, _ error: BadgeCoreError) {
        outcomes[index] = .failed(error)
    }

    mutating func record(_ outcome: AwardOutcome, at index: Int) {
        outcomes[index] = .stored(outcome)
    }

    mutating func record(_ stored: [AwardOutcome], at indices: [Int]) {
        for (outcome, index) in zip(stored, indices) { outcomes[index] = .stored(outcome) }
    }

    /// One result per input, in order.
    func results(urls: PublicURLs) -> [AwardResult] {
        outcomes.indices.map { index in
            switch outcomes[index] {
            case .failed(let error):
                AwardResult(index: index, status: "failed", error: error.message, field: error.field.map { "awards[\(index)].\($0)" })
            case .stored(let outcome):
                Self.result(outcome, index: index, repeated: false, urls: urls)
            case .repeats(let first):
                if case .stored(let outcome) = outcomes[first] {
                    Self.result(outcome, index: index, repeated: true, urls: urls)
                } else {
                    AwardResult(index: index, status: "failed", error: "the first award to this recipient in the batch failed")
                }
            case nil:
                AwardResult(index: index, status: "failed", error: "not processed")
            }
        }
    }

    private static func result(_ outcome: AwardOutcome, index: Int, repeated: Bool, urls: PublicURLs) -> AwardResult {
        let (assertion, status): (Assertion, String) =
            switch outcome {
            case .created(let value, _): (value, repeated ? "existing" : "created")
            case .existing(let value, _): (value, "existing")
            }
        let isSigned = if case .signed = assertion.verification { true } else { false }
        return AwardResult(
            index: index,
            status: status,
            assertionID: assertion.id.uuidString.lowercased(),
            url: urls.assertion(assertion.id),
            jwsURL: isSigned ? urls.signedAssertion(assertion.id) : nil
        )
    }
}
