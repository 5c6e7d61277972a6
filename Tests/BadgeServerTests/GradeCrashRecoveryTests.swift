import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import LTI
import NIOHTTP1
import Testing

/// Grades sent to the real `badged` executable, killed with SIGKILL while it awards them,
/// restarted, and sent the same grades again (as a sync reads them again): every passing grade
/// ends as exactly one assertion and one recorded grade, on SQLite and PostgreSQL.
@Suite("Crash recovery of grades", .heavyLane)
struct GradeCrashRecoveryTests {
    static let issuer = "https://lms.crash.test"
    static let lineItem = "https://lms.crash.test/items/1"
    static let grades = 300

    static func grade(_ index: Int) -> String {
        """
        {"issuer": "\(issuer)", "client_id": "crash", "context_id": "course-1", "line_item": "\(lineItem)",
         "user_id": "u\(index)", "recipient": "email:u\(index)@example.org", "score_given": 8, "score_maximum": 10}
        """
    }

    /// Sends every grade from 8 callers; the first failure (the daemon killed) ends the sending.
    static func sendAll(to baseURL: String, key: String) async throws {
        try await LiveApp.connect(to: baseURL) { app in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for caller in 0..<8 {
                    group.addTask {
                        for index in stride(from: caller, to: grades, by: 8) {
                            let reply = try await app.send(.POST, "/api/v1/outcome-events", key: key, json: grade(index))
                            guard reply.status == 200 else { throw TestSetupError("grade \(index) answered \(reply.status)") }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func gradesKilledMidwayAndSentAgainAreAwardedExactlyOnce(engine: BadgeDatabase.Engine) async throws {
        try await withSeededDatabase(engine) { fixture in
            let url = fixture.databaseURL
            let kek = CrashRecoveryTests.environment["BADGED_SIGNING_KEY_ENCRYPTION_KEY"] ?? ""
            let reader = ConfigReader(
                provider: InMemoryProvider(values: [
                    "db.url": .init(.string(url), isSecret: true), "signing.key_encryption_key": .init(.string(kek), isSecret: true),
                ])
            )
            let session = try await AdminSession.open(reader: reader, logger: TestDatabases.logger)
            do {
                let platform = try PlatformFactory.make(
                    preset: .generic,
                    issuer: Self.issuer,
                    clientID: "crash",
                    deploymentIDs: ["1"],
                    authURL: Self.issuer + "/auth",
                    tokenURL: Self.issuer + "/token",
                    jwksURL: Self.issuer + "/jwks"
                )
                try await session.administration.registerPlatform(platform, institution: LTIBrowser.institution)
                let rule = """
                    [{"badge_class": "Introduction to Data Science", "condition": {"type": "dutch_grade"},
                      "match": {"issuer": "\(Self.issuer)", "client_id": "crash", "context_id": "course-1", "line_item": "\(Self.lineItem)"}}]
                    """
                _ = try await session.outcomes.importRules(Data(rule.utf8))
                try await session.close()
            } catch {
                try? await session.close()
                throw error
            }

            let first = try await DaemonProcess.start(databaseURL: url, environment: CrashRecoveryTests.environment)
            let sending = Task { try await Self.sendAll(to: first.baseURL, key: fixture.registrarKey) }
            var stored = 0
            let deadline = ContinuousClock.now + .seconds(120)
            while stored < 60, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
                stored = try await CrashRecoveryTests.count("SELECT COUNT(*) AS n FROM assertions", databaseURL: url)
            }
            first.kill()
            _ = await sending.result
            let atCrash = try await CrashRecoveryTests.count("SELECT COUNT(*) AS n FROM assertions", databaseURL: url)
            #expect(atCrash >= 60)
            #expect(atCrash < Self.grades, "every grade was awarded before the kill; the test proves nothing")
            // Nothing half-written: an awarded grade has its assertion, and every assertion its grade.
            let awardedAtCrash = try await CrashRecoveryTests.count(
                "SELECT COUNT(*) AS n FROM outcome_events WHERE decision = 'awarded'",
                databaseURL: url
            )
            #expect(awardedAtCrash == atCrash)

            let second = try await DaemonProcess.start(databaseURL: url, environment: CrashRecoveryTests.environment)
            do {
                try await Self.sendAll(to: second.baseURL, key: fixture.registrarKey)
                await second.stop()
            } catch {
                await second.stop()
                throw error
            }
            let count = { (sql: String) in try await CrashRecoveryTests.count(sql, databaseURL: url) }
            #expect(try await count("SELECT COUNT(*) AS n FROM assertions") == Self.grades)
            #expect(try await count("SELECT COUNT(DISTINCT recipient_hash) AS n FROM assertions") == Self.grades)
            #expect(try await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'award'") == Self.grades)
            #expect(try await count("SELECT COUNT(*) AS n FROM outcome_events") == Self.grades)
            #expect(try await count("SELECT COUNT(*) AS n FROM outcome_events WHERE decision = 'awarded'") == Self.grades)
        }
    }
}
