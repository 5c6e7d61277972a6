import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import LTI
import Testing

/// AGS and NRPS answered from memory, counting the calls.
actor FakeGradeServices: GradeServices {
    var resultsByItem: [String: [AGSResult]] = [:]
    var roster: [Member] = []
    private(set) var resultCalls: [String] = []
    private(set) var memberCalls = 0
    /// Line items whose results cannot be read.
    var failing: Set<String> = []
    private var inFlight = 0
    /// The most result reads that ran at once.
    private(set) var mostInFlight = 0

    /// Lets every line item be read again.
    func recover() { failing = [] }

    init(results: [String: [AGSResult]], members: [Member], failing: Set<String> = []) {
        resultsByItem = results
        roster = members
        self.failing = failing
    }

    func results(of lineItemURL: URL, platform: Platform) async throws -> [AGSResult] {
        resultCalls.append(lineItemURL.absoluteString)
        inFlight += 1
        mostInFlight = max(mostInFlight, inFlight)
        defer { inFlight -= 1 }
        // Give a concurrent sync the chance to interleave.
        for _ in 0..<5 { await Task.yield() }
        if failing.contains(lineItemURL.absoluteString) { throw LTIError(.serviceRequestFailed, "the platform answered 503") }
        return resultsByItem[lineItemURL.absoluteString] ?? []
    }

    func members(at membershipsURL: URL, platform: Platform) async throws -> [Member] {
        memberCalls += 1
        return roster
    }

    func lineItems(at lineItemsURL: URL, platform: Platform) async throws -> [LineItem] { [] }

    func create(_ lineItem: LineItem, at lineItemsURL: URL, platform: Platform) async throws -> LineItem { lineItem }

    func post(_ score: Score, to lineItemURL: URL, platform: Platform) async throws {}
}

/// The AGS result sync on every backend, over a fake platform.
@Suite("Result sync")
struct ResultSyncTests {
    let ada = Recipient(type: .email, identity: "ada@example.org")
    let bob = Recipient(type: .email, identity: "bob@example.org")

    static func members() throws -> [Member] {
        let json = """
            [{"user_id": "user-ada", "email": "ada@example.org", "status": "Active", "roles": ["Learner"]},
             {"user_id": "user-bob", "email": "bob@example.org", "roles": ["Learner"]},
             {"user_id": "user-gone", "email": "gone@example.org", "status": "Deleted"},
             {"user_id": "user-anonymous"}]
            """
        return try JSONDecoder().decode([Member].self, from: Data(json.utf8))
    }

    func recordCourse(_ world: OutcomeWorld) async throws {
        let course = LTICourse(
            issuer: OutcomeWorld.issuer,
            clientID: OutcomeWorld.clientID,
            contextID: OutcomeWorld.contextID,
            title: "Statistics 101",
            lineItemsURL: "https://lms.example.edu/api/lti/courses/101/line_items",
            membershipsURL: "https://lms.example.edu/api/lti/courses/101/names_and_roles"
        )
        try await world.courses.record(course, at: world.clock.now())
    }

    func sync(_ world: OutcomeWorld, _ services: FakeGradeServices, owner: String = "daemon-a", requestBudget: Int = 100) throws -> ResultSync {
        ResultSync(
            rules: world.rules,
            courses: world.courses,
            platforms: world.platforms,
            services: services,
            intake: world.intake,
            mapping: try LTIRecipientMapping(entries: ["email"]),
            clock: world.clock,
            owner: owner,
            requestBudget: requestBudget
        )
    }

    /// `count` rules watching line items of the recorded course, each item with one result of
    /// `user` scored `score(index)`, and the fake platform answering them (items at `failing`
    /// cannot be read).
    func watchedItems(
        _ count: Int,
        in world: OutcomeWorld,
        user: String,
        score: (Int) -> Double,
        failing: Set<Int> = []
    ) async throws -> (items: [String], services: FakeGradeServices) {
        let items = (1...count).map { OutcomeWorld.lineItem + "-\($0)" }
        for item in items { try await world.create(try world.rule(lineItem: item)) }
        try await recordCourse(world)
        var results: [String: [AGSResult]] = [:]
        for (index, item) in items.enumerated() {
            results[item] = [AGSResult(userId: user, resultScore: score(index), resultMaximum: 10)]
        }
        let services = FakeGradeServices(results: results, members: try Self.members(), failing: Set(failing.map { items[$0] }))
        return (items, services)
    }

    @Test(arguments: StorageBackend.all)
    func resultsOfMappedMembersBecomeRecordsAndAwards(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule())
            try await recordCourse(world)
            let results = [
                AGSResult(userId: "user-ada", resultScore: 7.5, resultMaximum: 10),
                AGSResult(userId: "user-bob", resultScore: 5.2, resultMaximum: 10),
                AGSResult(userId: "user-carol"),
            ]
            let services = FakeGradeServices(results: [OutcomeWorld.lineItem: results], members: try Self.members())
            let report = try await sync(world, services).sync()
            #expect(report.failures == [])
            #expect(report.rules == 1)
            #expect(report.members == 2)
            #expect(report.results == 3)
            #expect(report.recorded == 3)
            let adaRecords = try await world.recorded(OutcomeEventFilter(recipientKey: ada.key))
            #expect(adaRecords.map(\.decision) == [.awarded])
            #expect(adaRecords.first?.event.source == .agsResult)
            #expect(adaRecords.first?.event.contextTitle == "Statistics 101")
            #expect(try await world.recorded(OutcomeEventFilter(recipientKey: bob.key)).map(\.decision) == [.notAwarded])
            // Carol has no score and is no member badged can map.
            let carol = try await world.events.latest(
                ruleID: try #require(adaRecords.first).ruleID,
                learnerKey: OutcomeWorld.learnerKey("user-carol")
            )
            #expect(carol?.decision == .unmapped)
        }
    }

    @Test(arguments: StorageBackend.all)
    func lineItemsAreSyncedTwoAtATimeAndOneFailingLeavesTheOthersSynced(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            let (items, services) = try await watchedItems(5, in: world, user: "user-bob", score: { Double($0 + 1) }, failing: [2])
            let report = try await sync(world, services).sync()
            #expect(report.rules == 4)
            #expect(report.results == 4)
            #expect(report.recorded == 4)
            #expect(report.failures.count == 1)
            #expect(report.failures.first?.contains("503") == true)
            #expect(Set(await services.resultCalls) == Set(items))
            #expect(await services.mostInFlight == 2)
            // Bob's grades of the four items read are recorded; the failed item is due again once
            // this sync's lease on it ends, the others not.
            #expect(try await world.recorded(OutcomeEventFilter(recipientKey: bob.key)).count == 4)
            await services.recover()
            world.clock.advance(by: 601)
            let again = try await sync(world, services).sync()
            #expect(again.rules == 1)
            #expect(again.recorded == 1)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aSecondSyncOfUnchangedResultsRecordsNothing(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule())
            try await recordCourse(world)
            let results = [AGSResult(userId: "user-ada", resultScore: 7.5, resultMaximum: 10)]
            let services = FakeGradeServices(results: [OutcomeWorld.lineItem: results], members: try Self.members())
            let sync = try sync(world, services)
            #expect(try await sync.sync().recorded == 1)
            world.clock.advance(by: 60)
            let notDue = try await sync.sync()
            #expect(notDue.rules == 0)
            let forced = try await sync.sync(force: true)
            #expect(forced.rules == 1)
            #expect(forced.results == 1)
            #expect(forced.recorded == 0)
            world.clock.advance(by: 901)
            #expect(try await sync.sync().rules == 1)
            #expect(try await world.recorded().count == 1)
            #expect(await services.resultCalls.count == 3)
        }
    }

    @Test(arguments: StorageBackend.all)
    func twoDaemonsSyncingAtOnceSyncEachRuleOnce(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            let (items, services) = try await watchedItems(3, in: world, user: "user-ada", score: { _ in 8 })
            let first = try sync(world, services, owner: "daemon-a")
            let second = try sync(world, services, owner: "daemon-b")
            async let a = first.sync()
            async let b = second.sync()
            let reports = try await [a, b]
            #expect(reports.map(\.rules).reduce(0, +) == 3)
            #expect(reports.flatMap(\.failures) == [])
            #expect(await services.resultCalls.sorted() == items)
            // Leases ended with the syncs: neither daemon finds a rule due now.
            #expect(try await first.sync().rules == 0)
            #expect(try await second.sync().rules == 0)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aLeaseKeepsARuleFromOtherOwnersUntilItEnds(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            let stored = try await world.create(try world.rule())
            let now = world.clock.now()
            let claim = { (owner: String, at: Date) in
                try await world.rules.claimSync(
                    issuer: nil,
                    clientID: nil,
                    contextID: nil,
                    syncedBefore: at,
                    owner: owner,
                    now: at,
                    leaseUntil: at + 600,
                    limit: 10
                )
            }
            #expect(try await claim("a", now).map(\.id) == [stored.id])
            #expect(try await claim("b", now + 10).isEmpty)
            #expect(try await claim("b", now + 600).map(\.id) == [stored.id])
            try await world.rules.finishSync(ids: [stored.id], owner: "a", at: now + 601)
            #expect(try await claim("c", now + 602).isEmpty)
        }
    }

    @Test(arguments: StorageBackend.all)
    func rulesTheRequestBudgetLeftAreSyncedByTheNextRunAtOnce(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            let (items, services) = try await watchedItems(5, in: world, user: "user-bob", score: { _ in 3 })
            // Three requests a run: the course's members, then two line items.
            let first = try await sync(world, services, requestBudget: 3).sync()
            #expect(first.rules == 2)
            #expect(first.deferred == 3)
            // Run again at once (no lease has ended): the untried rules are due, the synced not.
            let second = try await sync(world, services, requestBudget: 3).sync()
            #expect(second.rules == 2)
            #expect(second.deferred == 1)
            let third = try await sync(world, services, requestBudget: 3).sync()
            #expect(third.rules == 1)
            #expect(third.deferred == 0)
            #expect(await services.resultCalls.sorted() == items.sorted())
            #expect(try await world.recorded(OutcomeEventFilter(recipientKey: bob.key)).count == 5)
        }
    }
}
