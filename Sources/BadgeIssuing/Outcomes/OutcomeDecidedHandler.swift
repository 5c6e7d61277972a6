public import BadgeCore

/// Finishes awards decided by a rule whose intake stopped before storing them (`outcome.decided`).
public struct OutcomeDecidedHandler: OutboxHandler {
    let intake: GradeIntake

    /// Creates the handler.
    public init(intake: GradeIntake) {
        self.intake = intake
    }

    public func handle(_ message: OutboxMessage) async throws {
        try await intake.resume(recordID: message.subjectID)
    }
}
