import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import Testing

@Suite("Single-use values written in groups, on SQLite and PostgreSQL")
struct GroupedReplayGuardTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test(arguments: TestDatabases.engines)
    func aBatchMarksEachDistinctValueOnceAndItsRepeatsAsUsed(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            let guardian = SQLReplayGuard(database: database)
            let later = now.addingTimeInterval(600)
            #expect(try await guardian.firstUse(scope: "lti-nonce", value: "a", expiresAt: later, now: now))
            let uses = ["a", "b", "c", "b", "a"].map { SingleUse(scope: "lti-nonce", value: $0, expiresAt: later) }
                + [SingleUse(scope: "student-handoff", value: "a", expiresAt: later)]
            // "a" was used before; "b" and "c" are new, each once; the same digest in another
            // scope is another value.
            #expect(try await guardian.firstUses(uses, now: now) == [false, true, true, false, false, true])
            #expect(try await guardian.firstUses(uses, now: now) == [false, false, false, false, false, false])
            #expect(try await guardian.firstUses([], now: now) == [])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func concurrentCallersOfTwoDaemonsSpendEachValueExactlyOnce(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            let clock = FixedTimeSource(now)
            let daemons = [
                GroupedReplayGuard(SQLReplayGuard(database: database), clock: clock),
                GroupedReplayGuard(SQLReplayGuard(database: database), clock: clock),
            ]
            // 200 callers, 50 distinct values, each value sent four times across both daemons.
            let results = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
                for caller in 0..<200 {
                    group.addTask {
                        let value = "nonce-\(caller % 50)"
                        let fresh = try await daemons[caller % 2].firstUse(
                            scope: "lti-nonce",
                            value: value,
                            expiresAt: now.addingTimeInterval(600),
                            now: now
                        )
                        return (value, fresh)
                    }
                }
                var results: [(String, Bool)] = []
                for try await result in group { results.append(result) }
                return results
            }
            let firsts = Dictionary(grouping: results.filter(\.1), by: \.0).mapValues(\.count)
            #expect(firsts.count == 50)
            #expect(firsts.values.allSatisfy { $0 == 1 })
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anExpiredValueIsForgottenAndMayBeUsedAgain(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database async throws in
            let guardian = SQLReplayGuard(database: database)
            #expect(try await guardian.firstUse(scope: "jti", value: "x", expiresAt: now.addingTimeInterval(60), now: now))
            // A fresh guard sweeps the scope on its first write; the value expired a minute ago.
            let afterwards = SQLReplayGuard(database: database)
            let later = now.addingTimeInterval(120)
            #expect(try await afterwards.firstUse(scope: "jti", value: "x", expiresAt: later.addingTimeInterval(60), now: later))
            #expect(try await afterwards.firstUse(scope: "jti", value: "x", expiresAt: later.addingTimeInterval(60), now: later) == false)
        }
    }
}
