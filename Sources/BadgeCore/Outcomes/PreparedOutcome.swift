public import Foundation

/// A judged grade made ready for storage before the database's turn.
///
/// ``OutcomeEventStore/prepare(_:fingerprint:)`` does the per-grade work a store can do outside
/// its transaction (the SQL stores encode the stored body), so that concurrent callers prepare
/// in parallel and the commit they share only writes: a sync's grades are recorded one commit at
/// a time on one writer, and work done inside that turn is work nobody else can overlap.
public struct PreparedOutcome: Sendable {
    /// The judged grade.
    public let outcome: RecordedOutcome
    /// The fingerprint its gate compares.
    public let fingerprint: String
    /// The store's own encoding of the record; nil when the store needs none.
    public let encoded: String?

    /// Creates a prepared grade.
    public init(outcome: RecordedOutcome, fingerprint: String, encoded: String?) {
        self.outcome = outcome
        self.fingerprint = fingerprint
        self.encoded = encoded
    }
}
