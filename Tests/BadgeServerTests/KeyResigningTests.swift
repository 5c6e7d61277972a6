import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import LTITesting
import NIOHTTP1
import OpenBadges
import Primitives
import Testing

/// Key rotation's re-signing job on a real database: pages through the outbox, a repeated
/// delivery and an interruption, revoked assertions left alone, and what verifiers see after.
@Suite("Key rotation re-signing", .serialized, .heavyLane)
struct KeyResigningTests {
    static let configuration: [AbsoluteConfigKey: ConfigValue] = ["signing.key_encryption_key": .init(.string(KeyRotationTests.kek), isSecret: true)]

    /// An operator session on the daemon's database and public URL (re-signed payloads carry it).
    static func admin(_ fixture: TestFixture, port: Int) async throws -> AdminSession {
        var values = configuration
        values["db.url"] = .init(.string(fixture.databaseURL), isSecret: true)
        values["public.base_url"] = .init(.string("http://127.0.0.1:\(port)"), isSecret: false)
        return try await AdminSession.open(reader: ConfigReader(provider: InMemoryProvider(values: values)), logger: TestDatabases.logger)
    }

    /// Delivers the outbox (every topic, as a daemon does) until the issuer's newest rotation is re-signed.
    static func drain(_ admin: AdminSession, issuerID: UUID) async throws -> ResigningJob {
        let delivery = admin.outboxDelivery(owner: "test-" + UUID().uuidString, logger: TestDatabases.logger)
        for _ in 0..<50 {
            if let job = try await admin.administration.keyRotations(issuerID: issuerID).first, job.isComplete { return job }
            try await delivery.deliverDue()
        }
        throw CLIFailureForTests("the re-signing job did not complete")
    }

    static func verify(_ input: VerificationInput) async throws -> VerificationReport {
        try await HTTPDocumentFetcher.withFetcher(policy: TestPlatform.outboundPolicy) { fetcher in
            await BadgeVerifier(fetcher: fetcher, clock: SystemTimeSource()).verify(input, recipient: nil)
        }
    }

    /// Awards the sample micro-credential to each address over HTTP; returns the ids.
    static func award(_ emails: [String], on client: LiveApp, _ fixture: TestFixture) async throws -> [String] {
        let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
        var ids: [String] = []
        for email in emails {
            let path = "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())/assertions"
            let awarded = try await client.send(.POST, path, key: fixture.registrarKey, json: IssuingTests.awardBody(email))
            ids.append(try #require(awarded.json["assertion_id"] as? String))
        }
        return ids
    }

    @Test(arguments: TestDatabases.engines)
    func anInterruptedJobResumesAndReSignsEachUnrevokedAssertionOnce(engine: BadgeDatabase.Engine) async throws {
        try await withSeededDatabase(engine) { fixture in
            let port = try FreePort.make()
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let (ids, before) = try await LiveApp.run(databaseURL: fixture.databaseURL, configuration: Self.configuration, port: port) { client in
                let ids = try await Self.award((0..<5).map { "student\($0)@example.org" }, on: client, fixture)
                _ = try await client.send(.POST, "/api/v1/assertions/\(ids[4])/revoke", key: fixture.registrarKey, json: #"{"reason": "Error"}"#)
                var before: [String: String] = [:]
                for id in ids { before[id] = try await client.send(.GET, "/public/assertions/\(id).jws").text }
                return (ids, before)
            }

            let admin = try await Self.admin(fixture, port: port)
            let rotated = try await admin.administration.rotateIssuerKeyWithJob(issuerID: micro.issuerID)
            let job = try #require(rotated.job)
            #expect(job.reason == .routine && job.replacedKeyID != nil && job.resigned == 0)
            let first = OutboxMessage(
                id: try #require(job.nextMessageID),
                topic: .assertionsResigning,
                subjectID: job.id,
                institutionID: job.institutionID,
                createdAt: job.createdAt,
                attempts: 1
            )
            // One page of two, then the handler stops (a daemon killed between pages).
            try await admin.assertionResigner(pageSize: 2).handle(first)
            let afterOnePage = try #require(try await admin.administration.keyRotations(issuerID: micro.issuerID).first)
            #expect(afterOnePage.resigned == 2)
            #expect(afterOnePage.cursor != nil && !afterOnePage.isComplete)
            // The same message again (its lease ran out before it was marked delivered): nothing happens.
            try await admin.assertionResigner(pageSize: 2).handle(first)
            let repeated = try #require(try await admin.administration.keyRotations(issuerID: micro.issuerID).first)
            #expect(repeated.resigned == 2 && repeated.cursor == afterOnePage.cursor && repeated.nextMessageID == afterOnePage.nextMessageID)
            // A restarted daemon's outbox delivery finishes the job (and delivers the stale first message as a no-op).
            let done = try await Self.drain(admin, issuerID: micro.issuerID)
            try await admin.close()
            #expect(done.resigned == 4)
            #expect(done.nextMessageID == nil)
            let rotateRows = "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'issuer_key.rotate'"
            let completeRows = "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'issuer_key.resign_complete' AND detail LIKE '4 assertions%'"
            #expect(try await AwardBatchTests.count(rotateRows, databaseURL: fixture.databaseURL) == 1)
            #expect(try await AwardBatchTests.count(completeRows, databaseURL: fixture.databaseURL) == 1)

            try await LiveApp.run(databaseURL: fixture.databaseURL, configuration: Self.configuration, port: port) { client in
                let issuer = try await client.send(.GET, "/public/issuers/\(micro.issuerID.uuidString.lowercased())")
                let published = try #require(issuer.json["publicKey"] as? String, "publicKey must be one URL: \(issuer.text)")
                #expect(published == "\(client.baseURL)/public/keys/\(rotated.keyID)")
                let newPEM = try #require(try await client.send(.GET, "/public/keys/\(rotated.keyID)").json["publicKeyPem"] as? String)
                let oldKeyID = try #require(job.replacedKeyID)
                let oldPEM = try #require(try await client.send(.GET, "/public/keys/\(oldKeyID)").json["publicKeyPem"] as? String)
                let urls = try PublicURLs(baseURL: client.baseURL)
                let newOnly = try AssertionVerifier(publicKeys: [rotated.keyID: newPEM], urls: urls)
                let oldOnly = try AssertionVerifier(publicKeys: [oldKeyID: oldPEM], urls: urls)
                for id in ids.prefix(4) {
                    let now = try await client.send(.GET, "/public/assertions/\(id).jws").text
                    let old = try #require(before[id])
                    #expect(now != old)
                    let resigned = try await newOnly.verify(now)
                    let original = try await oldOnly.verify(old)
                    #expect(resigned.keyID == rotated.keyID)
                    var expected = original.payload.objectValue ?? [:]
                    expected["verification"] = ["type": "SignedBadge", "creator": .string(published)]
                    #expect(resigned.payload == .object(expected), "only the creator changes")
                    // The copy signed before still verifies in badged verify, which says it is an older key.
                    let report = try await Self.verify(.text(old))
                    #expect(report.result == .valid, "\(report.lines)")
                    #expect(report.check(.keyOwner)?.detail.contains("older key of the issuer") == true, "\(report.lines)")
                    let current = try await Self.verify(.text(now))
                    #expect(current.result == .valid, "\(current.lines)")
                    #expect(current.check(.keyOwner)?.detail.hasSuffix("(1 key)") == true, "\(current.lines)")
                }
                let revoked = try await client.send(.GET, "/public/assertions/\(ids[4]).jws").text
                #expect(revoked == before[ids[4]], "a revoked assertion is not re-signed")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aCompromisedKeyIsRevokedAndWhatItSignedNoLongerVerifies(engine: BadgeDatabase.Engine) async throws {
        try await withSeededDatabase(engine) { fixture in
            let port = try FreePort.make()
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let (id, old) = try await LiveApp.run(databaseURL: fixture.databaseURL, configuration: Self.configuration, port: port) { client in
                let id = try #require(try await Self.award(["ada@example.org"], on: client, fixture).first)
                return (id, try await client.send(.GET, "/public/assertions/\(id).jws").text)
            }
            let admin = try await Self.admin(fixture, port: port)
            let rotated = try await admin.administration.rotateIssuerKeyWithJob(issuerID: micro.issuerID, compromised: true)
            let done = try await Self.drain(admin, issuerID: micro.issuerID)
            try await admin.close()
            #expect(done.reason == .compromise && done.resigned == 1)
            let oldKeyID = try #require(done.replacedKeyID)
            let rows = "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'issuer_key.rotate_compromised'"
            #expect(try await AwardBatchTests.count(rows, databaseURL: fixture.databaseURL) == 1)

            try await LiveApp.run(databaseURL: fixture.databaseURL, configuration: Self.configuration, port: port) { client in
                let gone = try await client.send(.GET, "/public/keys/\(oldKeyID)")
                #expect(gone.status == 410)
                #expect(!gone.text.contains("publicKeyPem"))
                let report = try await Self.verify(.text(old))
                #expect(report.result != .valid, "\(report.lines)")
                #expect(report.check(.key)?.detail.contains("revoked") == true, "\(report.lines)")
                let now = try await client.send(.GET, "/public/assertions/\(id).jws").text
                let current = try await Self.verify(.text(now))
                #expect(current.result == .valid, "\(current.lines)")
                #expect(current.check(.key)?.detail.contains("/public/keys/\(rotated.keyID)") == true, "\(current.lines)")
            }
        }
    }
}

/// A test failure that is not an expectation (a loop that never ends).
struct CLIFailureForTests: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
