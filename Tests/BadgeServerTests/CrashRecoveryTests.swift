import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import NIOCore
import NIOHTTP1
import Primitives
import SQLKit
import Testing

/// A 10,000-recipient batch sent to the real `badged` executable, which is killed with SIGKILL
/// while it is storing the batch, restarted, and sent the same batch again.
@Suite("Crash recovery of award batches", .heavyLane)
struct CrashRecoveryTests {
    static let environment = ["BADGED_SIGNING_KEY_ENCRYPTION_KEY": Data(repeating: 7, count: 32).base64EncodedString()]

    @Test func aBatchKilledMidwayAndRetriedIsStoredExactlyOnce() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "badged-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let databaseURL = "sqlite:\(directory.appending(path: "badged.sqlite").path)"
        let fixture = try await seedTestDatabase(databaseURL: databaseURL)
        let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
        let path = "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())/assertions"
        let batch = AwardBatchTests.batch((0..<10_000).map { "learner\($0)@example.org" })
        let headers = ["Idempotency-Key": "registrar-batch-1"]

        let first = try await DaemonProcess.start(databaseURL: databaseURL, environment: Self.environment)
        let sending = Task {
            try await LiveApp.connect(to: first.baseURL) { app in
                try await app.send(.POST, path, key: fixture.registrarKey, json: batch, headers: headers, timeout: .seconds(600))
            }
        }
        // Kill the daemon once some chunks are committed, while it is still storing the rest.
        var stored = 0
        let deadline = ContinuousClock.now + .seconds(300)
        while stored < 500, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            stored = try await Self.count("SELECT COUNT(*) AS n FROM assertions", databaseURL: databaseURL)
        }
        first.kill()
        let interrupted = await sending.result
        let atCrash = try await Self.count("SELECT COUNT(*) AS n FROM assertions", databaseURL: databaseURL)
        #expect(atCrash >= 500)
        #expect(atCrash < 10_000, "the batch finished before the kill; the test proves nothing")
        #expect((try? interrupted.get()) == nil, "the interrupted request must not have completed")
        // Nothing half-written: every stored assertion has its audit row.
        #expect(try await Self.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'award'", databaseURL: databaseURL) == atCrash)

        let second = try await DaemonProcess.start(databaseURL: databaseURL, environment: Self.environment)
        let retry: LiveApp.Reply
        do {
            retry = try await LiveApp.connect(to: second.baseURL) { app in
                try await app.send(.POST, path, key: fixture.registrarKey, json: batch, headers: headers, timeout: .seconds(600))
            }
            await second.stop()
        } catch {
            await second.stop()
            throw error
        }
        #expect(retry.status == 200)
        #expect(retry.json["failed"] as? Int == 0)
        #expect(retry.json["existing"] as? Int == atCrash)
        #expect(retry.json["created"] as? Int == 10_000 - atCrash)
        #expect(try await Self.count("SELECT COUNT(*) AS n FROM assertions", databaseURL: databaseURL) == 10_000)
        #expect(try await Self.count("SELECT COUNT(DISTINCT recipient_hash) AS n FROM assertions", databaseURL: databaseURL) == 10_000)
        #expect(try await Self.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'award'", databaseURL: databaseURL) == 10_000)
    }

    static func count(_ sql: String, databaseURL: String) async throws -> Int {
        try await AwardBatchTests.count(sql, databaseURL: databaseURL)
    }
}
