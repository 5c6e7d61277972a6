import AsyncHTTPClient
import BadgeCore
import BadgeIssuing
import BadgeServer
import Configuration
public import Foundation
import Hummingbird
import LTI
public import Logging
import NIOCore

/// `badged bench outcomes`: grades turned into stored signed assertions (all passing), against
/// `bench issue`'s concurrent single awards measured in the same run (the two alternate in four
/// rounds); grades of which 90 % do
/// not pass; and the wall time of syncing a course of `students` from an in-process platform
/// over loopback (Names and Roles, then AGS results).
public struct OutcomeBenchmark: Sendable {
    /// The figures for one database engine.
    public struct Result: Sendable, CustomStringConvertible {
        public let engine: String
        public let passing: Int
        /// Passing events per second, each ending as a stored signed assertion.
        public let passingPerSecond: Double
        /// Concurrent single awards per second (`bench issue`'s figure) in the same run.
        public let concurrentAwardsPerSecond: Double
        /// Process CPU time per passing grade and per concurrent single award, in microseconds
        /// (the work behind the two rates, less sensitive to a noisy machine than they are).
        public let passingCPUMicroseconds: Double
        public let awardCPUMicroseconds: Double
        public let mixed: Int
        /// Events per second when 90 % do not pass, in batches as a sync delivers them (two line
        /// items at a time).
        public let mixedPerSecond: Double
        /// Process CPU time per event of that mix, in microseconds (all threads: intake,
        /// signing, SQLite, the outbox).
        public let mixedCPUMicroseconds: Double
        /// Of the mix's CPU per grade, measured apart: the RS256 signatures of the tenth that
        /// passes, and recording the grades straight into the store.
        public let signingShareMicroseconds: Double
        public let storageShareMicroseconds: Double
        public let single: Int
        /// The same mix one event per call from 16 callers, as pushed scores arrive.
        public let singlePerSecond: Double
        public let students: Int
        /// Seconds to sync the course.
        public let syncSeconds: Double

        public var description: String {
            String(
                format: "%@: %d passing grades → signed assertions %.0f/s (concurrent single awards %.0f/s, ratio %.2f; "
                    + "CPU %.0f µs per grade, %.0f µs per award); "
                    + "%d grades, 90 %% not passing, %.0f/s in batches, %.0f µs of CPU each "
                    + "(measured apart: %.0f µs signing the passing tenth, %.0f µs recording; %d one per call: %.0f/s); "
                    + "%d-student course synced in %.2f s",
                engine,
                passing,
                passingPerSecond,
                concurrentAwardsPerSecond,
                passingPerSecond / concurrentAwardsPerSecond,
                passingCPUMicroseconds,
                awardCPUMicroseconds,
                mixed,
                mixedPerSecond,
                mixedCPUMicroseconds,
                signingShareMicroseconds,
                storageShareMicroseconds,
                single,
                singlePerSecond,
                students,
                syncSeconds
            )
        }
    }

    static let concurrency = 16
    private let passing: Int
    private let mixed: Int
    private let students: Int
    private let logger: Logger

    /// Creates a benchmark.
    public init(passing: Int, mixed: Int, students: Int, logger: Logger) {
        self.passing = max(passing, 1)
        self.mixed = max(mixed, 10)
        self.students = max(students, 1)
        self.logger = logger
    }

    /// Runs on a fresh database at `databaseURL`.
    public func run(databaseURL: String, engine: String, catalog: Data) async throws -> Result {
        try await BenchPlatform.withRunning(students: students, logger: logger) { platform in
            let values: [AbsoluteConfigKey: ConfigValue] = [
                "db.url": .init(.string(databaseURL), isSecret: true), "signing.mode": "signed", "log.level": "error",
                "signing.key_encryption_key": .init(.string(Data(repeating: 1, count: 32).base64EncodedString()), isSecret: true),
                "network.private_endpoint_allowlist": .init(.stringArray([platform.host]), isSecret: false),
            ]
            let session = try await AdminSession.open(reader: ConfigReader(provider: InMemoryProvider(values: values)), logger: logger)
            do {
                let result = try await measure(session, platform: platform, engine: engine, catalog: catalog)
                try await session.close()
                return result
            } catch {
                try? await session.close()
                throw error
            }
        }
    }

    private func measure(_ session: AdminSession, platform: BenchPlatform, engine: String, catalog: Data) async throws -> Result {
        let tree = try await session.administration.importCatalog(catalog)
        guard let badgeClass = tree.badgeClasses.first(where: { $0.kind == .microCredential }) ?? tree.badgeClasses.first,
            let other = tree.badgeClasses.first(where: { $0.id != badgeClass.id })
        else { throw BenchmarkError(.setup, "the catalogue needs two badge classes") }
        try await session.administration.registerPlatform(platform.registration, institution: tree.institution.identifier)
        let watched = [(badgeClass.id, "items/1"), (other.id, "items/2"), (badgeClass.id, platform.lineItemPath), (other.id, "items/3")]
        let rules = watched.map { id, item in
            #"{"badge_class_id": "\#(id.uuidString.lowercased())", "match": {"issuer": "\#(platform.issuer)", "client_id": "bench", "#
                + #""context_id": "course-1", "line_item": "\#(platform.baseURL)/\#(item)"}, "condition": {"type": "dutch_grade"}}"#
        }
        let stored = try await session.outcomes.importRules(Data(("[" + rules.joined(separator: ",") + "]").utf8))
        let intake = session.intake
        let users = passing + mixed + 1
        // Seeded as a course sync maps members: a thousand learners per call (not measured).
        for start in stride(from: 0, to: users, by: 1_000) {
            let learners = (start..<min(start + 1_000, users)).map { index in
                (userID: "u\(index)", recipient: Recipient(type: .email, identity: "u\(index)@example.org"))
            }
            try await intake.learnersSeen(issuer: platform.issuer, learners)
        }
        @Sendable func event(_ index: Int, item: String, score: Double) -> OutcomeEvent {
            OutcomeEvent(
                platform: .init(issuer: platform.issuer, clientID: "bench"),
                contextID: "course-1",
                lineItemURL: "\(platform.baseURL)/\(item)",
                userID: "u\(index)",
                scoreGiven: score,
                scoreMaximum: 10,
                activityProgress: .completed,
                gradingProgress: .fullyGraded,
                timestamp: Date(),
                source: .agsScore
            )
        }
        // Warm-up: key cache, statements.
        _ = try await intake.receive(event(users - 1, item: "items/1", score: 8))

        // The two phases alternate in four rounds, so that a noisy neighbour slows both alike.
        var passingTime = Duration.zero
        var awardsTime = Duration.zero
        var (passingCPU, awardsCPU) = (0.0, 0.0)
        for round in Self.rounds(of: passing) {
            let passingStarted = ContinuousClock.now
            let passingCPUStarted = CPUTime.process()
            try await Self.inParallel(round) { index in
                guard try await intake.receive(event(index, item: "items/1", score: 8)).decision == .awarded else {
                    throw BenchmarkError(.unexpectedResult, "a passing grade was not awarded")
                }
            }
            passingTime += passingStarted.duration(to: .now)
            passingCPU += CPUTime.process().since(passingCPUStarted)
            let awardsStarted = ContinuousClock.now
            let awardsCPUStarted = CPUTime.process()
            try await Self.inParallel(round) { index in
                _ = try await session.administration.award(
                    badgeClassID: other.id,
                    recipients: [Recipient(type: .email, identity: "a\(index)@example.org")]
                ) { _ in }
            }
            awardsTime += awardsStarted.duration(to: .now)
            awardsCPU += CPUTime.process().since(awardsCPUStarted)
        }
        let passingPerSecond = Double(passing) / passingTime.inSeconds
        let awardsPerSecond = Double(passing) / awardsTime.inSeconds

        // As a sync delivers them: batches of 500 grades of one line item, two items at a time
        // (ResultSync.concurrentRules).
        let mixedStarted = ContinuousClock.now
        let mixedCPU = CPUTime.process()
        let halves = [(0..<mixed / 2, stored[1], "items/2"), (mixed / 2..<mixed, stored[3], "items/3")]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (indices, rule, item) in halves {
                group.addTask {
                    for start in stride(from: indices.lowerBound, to: indices.upperBound, by: 500) {
                        let batch = (start..<min(start + 500, indices.upperBound)).map {
                            event(passing + $0, item: item, score: $0 % 10 == 0 ? 9 : 3)
                        }
                        _ = try await intake.receive(batch, rule: rule)
                    }
                }
            }
            try await group.waitForAll()
        }
        let mixedPerSecond = Double(mixed) / mixedStarted.duration(to: .now).inSeconds
        let mixedCPUMicroseconds = CPUTime.process().since(mixedCPU) / Double(mixed) * 1e6
        // One at a time, as pushed scores arrive, from 16 callers (a second line item, fresh grades).
        let single = max(mixed / 10, 10)
        let singleStarted = ContinuousClock.now
        try await Self.inParallel(single) { index in
            _ = try await intake.receive(event(passing + index, item: "items/2", score: index % 10 == 0 ? 9.5 : 2))
        }
        let singlePerSecond = Double(single) / singleStarted.duration(to: .now).inSeconds

        try await session.recordCourse(
            LTICourse(
                issuer: platform.issuer,
                clientID: "bench",
                contextID: "course-1",
                title: "Bench course",
                lineItemsURL: nil,
                membershipsURL: platform.baseURL + "/memberships"
            )
        )
        let syncStarted = ContinuousClock.now
        let report = try await session.resultSync().sync(force: true)
        let syncSeconds = syncStarted.duration(to: .now).inSeconds
        guard report.failures.isEmpty, report.results >= students else {
            throw BenchmarkError(.unexpectedResult, "the sync read \(report.results) results: \(report.failures.joined(separator: "; "))")
        }
        // Last, so that its rows do not weigh on the phases above.
        let shares = try await Self.shares(count: mixed, rule: stored[1], events: session.outcomeEvents)
        return Result(
            engine: engine,
            passing: passing,
            passingPerSecond: passingPerSecond,
            concurrentAwardsPerSecond: awardsPerSecond,
            passingCPUMicroseconds: passingCPU / Double(passing) * 1e6,
            awardCPUMicroseconds: awardsCPU / Double(passing) * 1e6,
            mixed: mixed,
            mixedPerSecond: mixedPerSecond,
            mixedCPUMicroseconds: mixedCPUMicroseconds,
            signingShareMicroseconds: shares.signingMicroseconds,
            storageShareMicroseconds: shares.storageMicroseconds,
            single: single,
            singlePerSecond: singlePerSecond,
            students: students,
            syncSeconds: syncSeconds
        )
    }

    /// `0..<count` in four consecutive rounds (fewer when `count` is small).
    static func rounds(of count: Int) -> [Range<Int>] {
        let size = max((count + 3) / 4, 1)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// Runs `body(index)` for every index of `indices` from ``concurrency`` callers.
    static func inParallel(_ indices: Range<Int>, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for caller in 0..<concurrency {
                group.addTask {
                    for index in stride(from: indices.lowerBound + caller, to: indices.upperBound, by: concurrency) { try await body(index) }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Runs `body(0..<count)` from ``concurrency`` callers.
    static func inParallel(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await inParallel(0..<count, body)
    }
}
