import Foundation
public import Logging
public import ServiceLifecycle

/// Syncs the AGS results of due rules on a schedule, as a `Service` in the daemon's group;
/// daemons sharing a database sync disjoint rules (the rules' leases).
public struct GradeSyncService: Service {
    let sync: ResultSync
    let interval: Duration
    let logger: Logger

    /// Creates the service.
    /// - Parameters:
    ///   - sync: the sync use case (leased under this daemon's name).
    ///   - interval: how often to look for due rules; a rule is due `interval` after its last sync.
    public init(sync: ResultSync, interval: Duration, logger: Logger) {
        self.sync = sync
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        let seconds = TimeInterval(interval.components.seconds)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let report = try await sync.sync(interval: seconds)
                if report.rules > 0 || !report.failures.isEmpty {
                    logger.info(
                        "grade sync",
                        metadata: [
                            "sync.rules": "\(report.rules)", "sync.results": "\(report.results)", "sync.recorded": "\(report.recorded)",
                            "sync.failures": "\(report.failures.count)",
                        ]
                    )
                }
            } catch {
                logger.warning("grade sync failed; trying again later", metadata: ["error.type": "\(type(of: error))"])
            }
            // A tenth of the interval, so that a rule is picked up soon after it becomes due.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(max(1, seconds / 10))) }
        }
    }
}
