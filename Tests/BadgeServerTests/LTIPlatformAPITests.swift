import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import LTI
import LTITesting
import Primitives
import Testing

/// `/api/v1/platforms`: admins register their institution's LMS, operators any; input is checked.
@Suite("LTI platform registration API")
struct LTIPlatformAPITests {
    static func body(_ platform: TestPlatform, institutionID: String? = nil) -> String {
        let registration = platform.registration
        var object: [String: Any] = [
            "preset": platform.flavour == .moodle ? "moodle" : "canvas", "issuer": registration.issuer, "client_id": registration.clientID,
            "deployment_ids": Array(registration.deploymentIDs), "auth_url": registration.authURL.absoluteString,
            "token_url": registration.tokenURL.absoluteString, "jwks_url": registration.jwksURL.absoluteString,
        ]
        if let institutionID { object["institution_id"] = institutionID }
        return String(decoding: (try? JSONSerialization.data(withJSONObject: object)) ?? Data(), as: UTF8.self)
    }

    @Test func adminRegistersACanvasPlatformThatThenLaunchesAndStopsAfterDeletion() async throws {
        try await TestPlatform.withRunning(.canvas, clock: FixedClock(LTIPlatformFlavourTests.start)) { platform in
            try await withTestApp(configuration: ["public.base_url": "https://badges.test"]) { client, fixture in
                let created = try await client.send(.post, "/api/v1/platforms", key: fixture.adminKey, json: Self.body(platform))
                #expect(created.status == .created)
                let id = try #require(created.json["id"] as? String)
                #expect(created.headers[.location] == "/api/v1/platforms/\(id)")
                #expect(created.json["issuer"] as? String == "https://canvas.instructure.com")
                #expect(created.json["deployment_ids"] as? [String] == [platform.deploymentID])
                #expect(created.json["institution_id"] as? String == fixture.tree.institution.id.uuidString.lowercased())

                let listed = try await client.send(.get, "/api/v1/platforms", key: fixture.adminKey)
                #expect((listed.json["items"] as? [[String: Any]])?.count == 1)
                let all = try await client.send(.get, "/api/v1/platforms", key: fixture.operatorKey)
                #expect((all.json["items"] as? [[String: Any]])?.count == 1)
                #expect(
                    try await client.send(.get, "/api/v1/platforms/\(id)", key: fixture.adminKey).json["client_id"] as? String == platform.clientID
                )
                #expect(try await client.send(.get, "/api/v1/platforms/\(id)", key: fixture.otherRegistrarKey).status == .forbidden)
                #expect(try await client.send(.get, "/api/v1/platforms", key: fixture.registrarKey).status == .forbidden)
                #expect(try await client.send(.delete, "/api/v1/platforms/\(id)", key: fixture.instructorKey).status == .forbidden)

                try await LTIBrowser.shareToolKeys(with: platform, client: client)
                let browser = LTIBrowser(client: client, platform: platform)
                #expect(try await browser.launch(.instructor).status == .ok)

                let again = try await client.send(
                    .post,
                    "/api/v1/platforms",
                    key: fixture.operatorKey,
                    json: Self.body(platform, institutionID: fixture.otherInstitutionID.uuidString)
                )
                #expect(again.status == .conflict)

                #expect(try await client.send(.delete, "/api/v1/platforms/\(id)", key: fixture.adminKey).status == .noContent)
                #expect(try await client.send(.get, "/api/v1/platforms/\(id)", key: fixture.adminKey).status == .notFound)
                let login = try await client.send(
                    .get,
                    "/lti/login?iss=https://canvas.instructure.com&login_hint=x&client_id=\(platform.clientID)&target_link_uri=https://badges.test/lti/launch"
                )
                #expect(login.status == .forbidden)
                #expect(login.json["code"] as? String == "unknown_platform")
            }
        }
    }

    @Test func operatorsNameTheInstitutionAndAdminsStayInTheirOwn() async throws {
        try await withTestApp { client, fixture in
            let moodle = """
                {"preset": "moodle", "issuer": "https://moodle.hogeschool-zuid.nl", "client_id": "abc", "deployment_ids": ["3"]}
                """
            let unnamed = try await client.send(.post, "/api/v1/platforms", key: fixture.operatorKey, json: moodle)
            #expect(unnamed.status == .unprocessableContent)
            #expect(unnamed.json["field"] as? String == "institution_id")
            let other = fixture.otherInstitutionID.uuidString.lowercased()
            let named = moodle.replacingOccurrences(of: "{", with: "{\"institution_id\": \"\(other)\", ")
            let created = try await client.send(.post, "/api/v1/platforms", key: fixture.operatorKey, json: named)
            #expect(created.status == .created)
            #expect(created.json["auth_url"] as? String == "https://moodle.hogeschool-zuid.nl/mod/lti/auth.php")
            #expect(try await client.send(.post, "/api/v1/platforms", key: fixture.adminKey, json: named).status == .forbidden)
            let own = try await client.send(.get, "/api/v1/platforms", key: fixture.adminKey)
            #expect((own.json["items"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test(arguments: [
        (
            #"{"preset": "generic", "issuer": "https://lms.example", "client_id": "c", "deployment_ids": ["1"], "auth_url": "http://lms.example/auth", "token_url": "https://lms.example/token", "jwks_url": "https://lms.example/jwks"}"#,
            "auth_url"
        ),
        (#"{"preset": "moodle", "issuer": "http://moodle.example", "client_id": "c", "deployment_ids": ["1"]}"#, "issuer"),
        (#"{"preset": "moodle", "issuer": "https://moodle.example", "client_id": "c", "deployment_ids": []}"#, "deployment_id"),
        (#"{"preset": "moodle", "issuer": "https://moodle.example", "client_id": "", "deployment_ids": ["1"]}"#, "client_id"),
        (#"{"preset": "canvas", "client_id": "c", "deployment_ids": ["1"], "jwks_url": "ftp://x.example/jwks"}"#, "jwks_url"),
        (
            #"{"preset": "moodle", "issuer": "https://\#(String(repeating: "a", count: 300)).example", "client_id": "c", "deployment_ids": ["1"]}"#,
            "issuer"
        ),
        (
            #"{"preset": "moodle", "issuer": "https://moodle.example", "client_id": "c", "deployment_ids": [\#((1...101).map { "\"\($0)\"" }.joined(separator: ","))]}"#,
            "deployment_ids"
        ),
        (#"{"preset": "blackboard", "client_id": "c", "deployment_ids": ["1"]}"#, "preset"),
    ])
    func invalidRegistrationsAreRefusedNaming(body: String, field: String) async throws {
        try await withTestApp { client, fixture in
            let response = try await client.send(.post, "/api/v1/platforms", key: fixture.adminKey, json: body)
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.json["field"] as? String == field)
        }
    }
}
