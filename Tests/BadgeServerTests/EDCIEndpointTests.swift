import BadgeCore
import BadgeIssuing
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Primitives
import Testing

@Suite("Europass EDCI through the daemon", .heavyLane)
struct EDCIEndpointTests {
    static let schemaDirectory = SamplePaths.shared.appending(path: "edci/xsd").path
    static let configuration: [AbsoluteConfigKey: ConfigValue] = ["edci.schema_dir": .init(.string(schemaDirectory), isSecret: false)]

    @Test func anAwardedAssertionExportsAsSchemaValidEDCI() async throws {
        try await withTestApp(configuration: Self.configuration) { client, fixture in
            let id = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
            let export = try await client.send(.get, "/public/assertions/\(id).edci.xml")
            #expect(export.status == .ok)
            #expect(export.headers[.contentType]?.hasPrefix("application/xml") == true)
            #expect(export.text.contains("europassCredential"))
            #expect(!export.text.contains("ada@example.org"))

            // An independent check with xmllint against the EU schema.
            let file = FileManager.default.temporaryDirectory.appending(path: "badged-\(UUID().uuidString).xml")
            try Data(export.text.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let status = try await EDCISignedExportTests.run(
                "/usr/bin/xmllint",
                ["--noout", "--nonet", "--schema", "\(Self.schemaDirectory)/genericschema_1.2.xsd", file.path]
            )
            #expect(status == 0)
        }
    }

    @Test func withoutTheSchemaSetEDCIAnswers503() async throws {
        try await withTestApp { client, fixture in
            let response = try await client.execute(
                uri: "/api/v1/imports/edci",
                method: .post,
                headers: [.authorization: "Bearer \(fixture.registrarKey)"],
                body: ByteBuffer(string: "<x/>")
            )
            #expect(response.status == .serviceUnavailable)
            #expect(response.json["code"] as? String == "edci_unavailable")
        }
    }

    @Test func importPreviewsListDiagnosticsAndRefuseLegacyOrHostileXML() async throws {
        try await withTestApp(configuration: Self.configuration) { client, fixture in
            func post(_ body: Data) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/imports/edci",
                    method: .post,
                    headers: [.authorization: "Bearer \(fixture.registrarKey)", .contentType: "application/xml"],
                    body: ByteBuffer(bytes: body)
                )
            }
            let sample = try Data(contentsOf: SamplePaths.shared.appending(path: "edci/samples/EDC_SampleDegree_AA.xml"))
            let preview = try await post(sample)
            #expect(preview.status == .ok)
            #expect(((preview.json["diagnostics"] as? [[String: Any]])?.count ?? 0) > 0)
            #expect(preview.json["badge_class"] is [String: Any])

            let legacy = try Data(contentsOf: SamplePaths.shared.appending(path: "edci/samples/legacy-1.0/edci_credential_basic.xml"))
            let refused = try await post(legacy)
            #expect(refused.status == .unprocessableContent)
            #expect((refused.json["detail"] as? String)?.contains("primaryLanguage") == true)

            let laughs = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>"#
            let hostile = try await post(Data(laughs.utf8))
            #expect(hostile.status == .unprocessableContent)
            #expect(try await client.execute(uri: "/api/v1/imports/edci", method: .post, body: ByteBuffer(bytes: sample)).status == .unauthorized)
        }
    }
}
