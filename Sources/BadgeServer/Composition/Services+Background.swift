import BadgeCore
import BadgeIssuing
import Foundation
import Logging
import ServiceLifecycle

/// What a daemon runs beside its HTTP server: outbox delivery with its handlers, the AGS result
/// sync, and the database that closes last.
extension Services {
    /// What follows from outbox messages, by topic: awards decided by a rule are finished,
    /// issued badges are written back to the LMS gradebook when their rule asks for it, and
    /// every stored or revoked assertion runs stacking for its recipient.
    var outboxHandlers: [OutboxMessage.Topic: any OutboxHandler] {
        [
            .assertionStored: StackingHandler(stacker: stacker),
            .assertionsResigning: AssertionResigner(jobs: resigningJobs, keyring: keyring, documents: documents),
            .assertionRevoked: StackingHandler(stacker: stacker),
            .outcomeDecided: OutcomeDecidedHandler(intake: intake),
            .outcomeAwarded: GradebookWriteBack(
                events: outcomeEvents,
                rules: outcomeRuleStore,
                catalog: catalog,
                platforms: platforms,
                courses: courseDirectory,
                services: advantage,
                urls: urls,
                clock: dependencies.clock
            ),
        ]
    }

    /// The AGS result sync, leased under `owner`.
    func resultSync(owner: String) -> ResultSync {
        ResultSync(
            rules: outcomeRuleStore,
            courses: courseDirectory,
            platforms: platforms,
            services: advantage,
            intake: intake,
            mapping: configuration.recipientMapping,
            clock: dependencies.clock,
            owner: owner,
            requestBudget: configuration.syncRequestBudget
        )
    }

    /// The background services of a daemon, in start order: the database (closed last, at
    /// shutdown) and, once a topic has a handler, outbox delivery.
    func backgroundServices(logger: Logger) -> [any Service] {
        var services: [any Service] = [DatabaseService(database: database)]
        let owner = "badged-" + dependencies.ids.makeID().uuidString.lowercased()
        if configuration.syncInterval > 0 {
            services.append(
                GradeSyncService(
                    sync: resultSync(owner: owner),
                    interval: .seconds(configuration.syncInterval),
                    logger: logger
                )
            )
        }
        var handlers = outboxHandlers
        if let mailSender {
            let base = configuration.publicBaseURL
            handlers[.claimMailRequested] = ClaimMailHandler(
                mail: claimMail,
                sender: mailSender,
                link: { Route.claimMailConfirmPage.url(baseURL: base, ["token": $0]) },
                logger: logger
            )
        }
        if !handlers.isEmpty {
            services.append(
                OutboxDelivery(
                    outbox: outbox,
                    handlers: handlers,
                    clock: dependencies.clock,
                    owner: owner,
                    logger: logger
                )
            )
        }
        return services
    }

}
