import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The hostile-input sweep, kept in the suite: malformed and oversized JSON, injection strings,
/// the role matrix, hostile XML and path tricks, each against the real daemon. Every request
/// gets a 4xx problem document, and nothing is written.
@Suite("Hostile input", .heavyLane)
struct HostileInputTests {
    /// Row counts of the tables a hostile request could touch.
    private static func counts(_ fixture: TestFixture) async throws -> [Int] {
        var counts: [Int] = []
        for table in ["faculties", "issuers", "badge_classes", "assertions", "edci_imports", "audit_log", "outbox"] {
            counts.append(try await AwardBatchTests.count("SELECT COUNT(*) AS n FROM \(table)", databaseURL: fixture.databaseURL))
        }
        return counts
    }

    private static func expectRefused(_ response: TestResponse, _ statuses: Set<Int>, _ what: String) {
        #expect(statuses.contains(Int(response.status.code)), "\(what): \(response.status.code)")
        #expect(response.headers[.contentType] == "application/problem+json", "\(what)")
    }

    @Test(arguments: TestDatabases.engines)
    func hostileJSONInjectionAndTheRoleMatrixWriteNothing(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let before = try await Self.counts(fixture)
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let award = "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())/assertions"
            let issuer = fixture.tree.issuers[0].id.uuidString.lowercased()
            let json: [(String, String, String, String, Set<Int>)] = [
                ("malformed JSON", award, fixture.registrarKey, #"{"recipient": {"type": "email", "#, [400]),
                ("deep nesting", award, fixture.registrarKey, String(repeating: "[", count: 100_000), [400, 422]),
                ("wrong types", award, fixture.registrarKey, #"{"recipient": {"type": 7, "identity": ["x"]}}"#, [422]),
                ("an unknown recipient type", award, fixture.registrarKey, #"{"recipient": {"type": "ssn", "identity": "1"}}"#, [422]),
                ("an empty batch", award, fixture.registrarKey, #"{"awards": []}"#, [422]),
                ("an instructor awarding", award, fixture.instructorKey, #"{"recipient": {"type": "email", "identity": "a@example.org"}}"#, [403]),
                (
                    "another institution awarding", award, fixture.otherRegistrarKey,
                    #"{"recipient": {"type": "email", "identity": "a@example.org"}}"#, [403]
                ),
                ("a registrar making a faculty", "/api/v1/faculties", fixture.registrarKey, #"{"name": {"en": "F"}}"#, [403]),
                ("a server field", "/api/v1/issuers", fixture.adminKey, #"{"id": "x", "name": {"en": "I"}}"#, [422]),
                ("a JSON array body", "/api/v1/issuers", fixture.adminKey, "[1, 2, 3]", [400, 422]),
                (
                    "an oversized body", "/api/v1/issuers", fixture.adminKey,
                    #"{"name": {"en": ""# + String(repeating: "x", count: 2 << 20) + #""}}"#, [413]
                ),
            ]
            for (what, path, key, body, statuses) in json {
                Self.expectRefused(try await client.send(.post, path, key: key, json: body), statuses, what)
            }
            let queries: [(String, String)] = [
                ("SQL in a limit", "/api/v1/badge-classes?limit=1;DROP%20TABLE%20assertions"),
                ("SQL in an id filter", "/api/v1/badge-classes?issuer_id=%27%20OR%201%3D1--"),
                ("a negative limit", "/api/v1/badge-classes?limit=-1"),
                ("a cursor that is no id", "/api/v1/badge-classes?after=%00"),
                ("SQL in a path id", "/api/v1/badge-classes/1%27%20OR%20%271%27%3D%271"),
            ]
            for (what, path) in queries {
                Self.expectRefused(try await client.send(.get, path, key: fixture.registrarKey), [400, 404, 422], what)
            }
            for path in ["/public/extensions/..%2F..%2Fetc/passwd", "/public/assertions/..%2F..%2Fetc%2Fpasswd", "/public/keys/%2e%2e"] {
                Self.expectRefused(try await client.send(.get, path), [400, 404], path)
            }
            // An injection string as data is stored as data: the catalogue still answers.
            let named = try await client.send(
                .post,
                "/api/v1/badge-classes?issuer_id=\(issuer)",
                key: fixture.instructorKey,
                json: #"{"name": {"en": "'); DROP TABLE assertions;--"}}"#
            )
            Self.expectRefused(named, [403], "an instructor making a badge class")
            #expect(try await Self.counts(fixture) == before)
        }
    }

    @Test func hostileXMLIsRefusedBeforeAnythingIsStored() async throws {
        try await withTestApp(configuration: EDCIEndpointTests.configuration) { client, fixture in
            let before = try await Self.counts(fixture)
            let issuer = fixture.tree.issuers[0].id.uuidString.lowercased()
            let documents = [
                #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><a>&lol2;</a>"#,
                #"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>"#,
                #"<?xml version="1.0"?><!DOCTYPE a SYSTEM "http://127.0.0.1:9/evil.dtd"><a/>"#,
                #"<?xml version="1.0"?><!DOCTYPE a [<!ATTLIST a b CDATA "c">]><a/>"#,
                "<a><b></a>",
                String(repeating: "<a>", count: 50_000),
            ]
            for document in documents {
                for query in ["", "?store=true&allow_unsigned=true&issuer_id=\(issuer)"] {
                    let response = try await EDCIImportStoreTests.post(client, query, key: fixture.registrarKey, body: Data(document.utf8))
                    Self.expectRefused(response, [400, 413, 422], String(document.prefix(40)))
                }
            }
            #expect(try await Self.counts(fixture) == before)
        }
    }
}
