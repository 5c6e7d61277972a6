import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOHTTP1
import Primitives
import SQLKit
import Testing

@Suite("Award batches, Idempotency-Key and per-class verification", .heavyLane)
struct AwardBatchTests {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    static func batch(_ emails: [String]) -> String {
        let awards = emails.map { #"{"recipient": {"type": "email", "identity": "\#($0)"}}"# }
        return #"{"awards": [\#(awards.joined(separator: ","))]}"#
    }

    static func path(_ fixture: TestFixture, _ kind: BadgeClass.Kind = .microCredential) throws -> String {
        let badgeClass = try #require(fixture.tree.badgeClasses.first { $0.kind == kind })
        return "/api/v1/badge-classes/\(badgeClass.id.uuidString.lowercased())/assertions"
    }

    static func count(_ sql: String, databaseURL: String) async throws -> Int {
        let database = try await BadgeDatabase.open(try DatabaseLocation(url: databaseURL), logger: TestDatabases.logger)
        do {
            let count = try await database.session { db in try await db.raw("\(unsafeRaw: sql)").first()?.decode(column: "n", as: Int.self) }
            try await database.close()
            return count ?? 0
        } catch {
            try? await database.close()
            throw error
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aBatchLargerThanAChunkWithRepeatsStoresEachRecipientOnce(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let path = try Self.path(fixture)
            // 600 awards span three transactions; 20 recipients appear twice (differently cased).
            var emails = (0..<580).map { "learner\($0)@example.org" }
            emails += (0..<20).map { "LEARNER\($0 * 7)@Example.org" }
            emails.insert("not-an-email", at: 300)
            let response = try await client.send(.post, path, key: fixture.registrarKey, json: Self.batch(emails))
            #expect(response.status == .ok)
            #expect(response.json["created"] as? Int == 580)
            #expect(response.json["existing"] as? Int == 20)
            #expect(response.json["failed"] as? Int == 1)
            let results = try #require(response.json["results"] as? [[String: Any]])
            #expect(results.map { $0["index"] as? Int } == Array(0..<601))
            #expect(results[300]["field"] as? String == "awards[300].recipient.identity")
            // A repeat gets the assertion of the first award to the same recipient.
            #expect(results[600]["assertion_id"] as? String == results[133]["assertion_id"] as? String)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM assertions", databaseURL: fixture.databaseURL) == 580)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'award'", databaseURL: fixture.databaseURL) == 580)

            // Two overlapping batches at once: every recipient still ends with one assertion.
            let overlap = (400..<900).map { "learner\($0)@example.org" }
            async let left = client.send(.post, path, key: fixture.registrarKey, json: Self.batch(overlap))
            async let right = client.send(.post, path, key: fixture.registrarKey, json: Self.batch(overlap.reversed()))
            let (one, other) = try await (left, right)
            #expect((one.json["created"] as? Int ?? 0) + (other.json["created"] as? Int ?? 0) == 320)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM assertions", databaseURL: fixture.databaseURL) == 900)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func concurrentSingleAwardsShareCommitsAndStillAwardEachRecipientOnce(engine: BadgeDatabase.Engine) async throws {
        try await withLiveTestApp(engine) { app, fixture in
            let path = try Self.path(fixture)
            // 16 different recipients and 8 awards to one recipient, all at once.
            let emails = (0..<16).map { "parallel\($0)@example.org" } + Array(repeating: "same@example.org", count: 8)
            let responses = try await withThrowingTaskGroup(of: (String, Int, String?).self) { group in
                for email in emails {
                    group.addTask {
                        let response = try await app.send(
                            .POST,
                            path,
                            key: fixture.registrarKey,
                            json: #"{"recipient": {"type": "email", "identity": "\#(email)"}}"#
                        )
                        return (email, response.status, response.json["assertion_id"] as? String)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.filter { $0.1 == 201 }.count == 17)
            let same = responses.filter { $0.0 == "same@example.org" }
            #expect(same.filter { $0.1 == 201 }.count == 1)
            #expect(Set(same.compactMap(\.2)).count == 1)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM assertions", databaseURL: fixture.databaseURL) == 17)
            // Twenty-four first awards at once share one new issuer key instead of each making one.
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM issuer_keys", databaseURL: fixture.databaseURL) == 1)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'award'", databaseURL: fixture.databaseURL) == 17)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aRetryWithTheSameIdempotencyKeyGetsTheFirstResponse(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let path = try Self.path(fixture)
            let body = Self.batch(["ada@example.org", "grace@example.org"])
            let first = try await client.send(.post, path, key: fixture.registrarKey, json: body, headers: [Self.idempotencyKey: "batch-2026-11-23"])
            #expect(first.json["created"] as? Int == 2)
            #expect(first.headers[IdempotencyHeaders.replayed] == nil)
            let retry = try await client.send(.post, path, key: fixture.registrarKey, json: body, headers: [Self.idempotencyKey: "batch-2026-11-23"])
            #expect(retry.status == first.status)
            #expect(retry.text == first.text)
            #expect(retry.headers[IdempotencyHeaders.replayed] == "true")
            // Without the key the same request runs again, and reports the awards as existing.
            let plain = try await client.send(.post, path, key: fixture.registrarKey, json: body)
            #expect(plain.json["existing"] as? Int == 2)

            let other = try await client.send(
                .post,
                path,
                key: fixture.registrarKey,
                json: Self.batch(["alan@example.org"]),
                headers: [Self.idempotencyKey: "batch-2026-11-23"]
            )
            #expect(other.status == .unprocessableContent)
            #expect(other.json["field"] as? String == "Idempotency-Key")
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM assertions", databaseURL: fixture.databaseURL) == 2)

            let malformed = try await client.send(.post, path, key: fixture.registrarKey, json: body, headers: [Self.idempotencyKey: "two words"])
            #expect(malformed.status == .unprocessableContent)
            #expect(malformed.json["field"] as? String == "Idempotency-Key")
            // Keys belong to the API key that sent them: another registrar's same key is a new request.
            let admin = try await client.send(
                .post,
                path,
                key: fixture.adminKey,
                json: Self.batch(["alan@example.org"]),
                headers: [Self.idempotencyKey: "batch-2026-11-23"]
            )
            #expect(admin.json["created"] as? Int == 1)
        }
    }

    @Test func aBadgeClassCanOverrideTheDaemonsVerificationMode() async throws {
        try await withTestApp(configuration: ["signing.mode": "hosted"]) { client, fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let hostedAward = try await client.send(
                .post,
                try Self.path(fixture),
                key: fixture.registrarKey,
                json: #"{"recipient": {"type": "email", "identity": "ada@example.org"}}"#
            )
            #expect(hostedAward.json["jws_url"] == nil)
            let issuerID = micro.issuerID.uuidString.lowercased()
            #expect((try await client.send(.get, "/public/issuers/\(issuerID)").json["publicKey"]) == nil)

            let patched = try await client.send(
                .patch,
                "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())",
                key: fixture.registrarKey,
                json: #"{"verification_mode": "signed"}"#
            )
            #expect(patched.status == .ok)
            let signedAward = try await client.send(
                .post,
                try Self.path(fixture),
                key: fixture.registrarKey,
                json: #"{"recipient": {"type": "email", "identity": "grace@example.org"}}"#
            )
            let id = try #require(signedAward.json["assertion_id"] as? String)
            #expect(signedAward.json["jws_url"] as? String != nil)
            let served = try await client.send(.get, "/public/assertions/\(id)")
            let verification = try #require(served.json["verification"] as? [String: Any])
            #expect(verification["type"] as? String == "SignedBadge")
            #expect((try await client.send(.get, "/public/issuers/\(issuerID)").json["publicKey"]) != nil)

            let refused = try await client.send(
                .patch,
                "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())",
                key: fixture.registrarKey,
                json: #"{"verification_mode": "sometimes"}"#
            )
            #expect(refused.status.code / 100 == 4)
        }
    }
}

/// The response header names of the idempotency tests.
enum IdempotencyHeaders {
    static let replayed = HTTPField.Name("Idempotent-Replayed")!
}
