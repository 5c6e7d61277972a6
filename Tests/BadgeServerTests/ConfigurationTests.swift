import BadgeIssuing
import BadgeServer
import BadgeTesting
import Configuration
import Foundation
import HummingbirdTesting
import Logging
import Primitives
import SMTP
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test func defaultsStartOnLoopbackWithEmbeddedSQLite() throws {
        let configuration = try AppConfiguration(reader: ConfigReader(provider: InMemoryProvider(values: [:])))
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.databaseURL == "sqlite:./.data/badged.sqlite")
        #expect(configuration.publicBaseURL == "http://127.0.0.1:8080")
        #expect(configuration.logLevel == .info)
    }

    @Test func invalidValuesNameTheirKey() {
        let port = #expect(throws: BadgeServerError.self) {
            try AppConfiguration(reader: ConfigReader(provider: InMemoryProvider(values: ["http.port": 70000])))
        }
        #expect(port?.field == "http.port")
        let base = #expect(throws: BadgeServerError.self) {
            try AppConfiguration(reader: ConfigReader(provider: InMemoryProvider(values: ["public.base_url": "ftp://x"])))
        }
        #expect(base?.field == "public.base_url")
        let level = #expect(throws: BadgeServerError.self) {
            try AppConfiguration(reader: ConfigReader(provider: InMemoryProvider(values: ["log.level": "loud"])))
        }
        #expect(level?.field == "log.level")
    }

    @Test func commandLineBeatsEnvironmentBeatsFile() async throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "badged-\(UUID().uuidString).json")
        try Data(#"{"http": {"port": 7001, "host": "127.0.0.2"}, "log": {"level": "debug"}}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let environment = ["BADGED_CONFIG_FILE": file.path, "BADGED_HTTP_PORT": "7002", "BADGED_LOG_LEVEL": "warning", "HTTP_PORT": "1"]
        let reader = try await ConfigurationLoader.reader(arguments: ["badged", "--http-port", "7003"], environment: environment)
        let configuration = try AppConfiguration(reader: reader)
        #expect(configuration.port == 7003)
        #expect(configuration.logLevel == .warning)
        #expect(configuration.host == "127.0.0.2")
        #expect(configuration.publicBaseURL == "http://127.0.0.2:7003")
    }

    @Test func dashedFlagsReachUnderscoredKeys() async throws {
        let reader = try await ConfigurationLoader.reader(
            arguments: ["badged", "--public-base-url", "https://badges.example.org/", "--http-max-body-size=2048"],
            environment: ["BADGED_CONFIG_FILE": "/nonexistent/badged.json"]
        )
        let configuration = try AppConfiguration(reader: reader)
        #expect(configuration.publicBaseURL == "https://badges.example.org")
        #expect(configuration.maxBodySize == 2048)
    }

    @Test func everyKeyIsDocumented() throws {
        let readme = try String(contentsOf: SamplePaths.repositoryRoot.appending(path: "Config/README.md"), encoding: .utf8)
        for key in ConfigurationLoader.keys {
            #expect(readme.contains("`\(key)`"), "Config/README.md does not document \(key)")
        }
        let defaults = try Data(contentsOf: SamplePaths.repositoryRoot.appending(path: "Config/badged.json"))
        #expect(try JSONSerialization.jsonObject(with: defaults) is [String: Any])
    }

    @Test func theMailRelayIsReadAndItsInvalidValuesNameTheirKey() throws {
        func read(_ values: [AbsoluteConfigKey: ConfigValue]) throws -> AppConfiguration {
            try AppConfiguration(reader: ConfigReader(provider: InMemoryProvider(values: values)))
        }
        #expect(try read([:]).mailRelay == nil)
        let relay = try #require(
            try read(["mail.relay": "[::1]:2525", "mail.from": "badges@example.org", "mail.tls": "none", "mail.timeout": 10]).mailRelay
        )
        #expect(relay.host == "::1")
        #expect(relay.port == 2525)
        #expect(relay.security == .none)
        #expect(relay.timeout == .seconds(10))
        let secured = try #require(
            try read([
                "mail.relay": "smtp.example.org:587", "mail.from": "badges@example.org", "mail.username": "badged",
                "mail.password": .init(.string("relay-secret-42"), isSecret: true),
            ]).mailRelay
        )
        #expect(secured.security == .startTLS)
        #expect(!"\(secured)".contains("relay-secret-42"))
        #expect(ConfigurationLoader.isSecret("mail.password"))
        let cases: [([AbsoluteConfigKey: ConfigValue], String)] = [
            (["mail.relay": "smtp.example.org"], "mail.relay"),
            (["mail.relay": "smtp.example.org:99999", "mail.from": "badges@example.org"], "mail.relay"),
            (["mail.relay": "smtp.example.org:25"], "mail.from"),
            (["mail.relay": "smtp.example.org:25", "mail.from": "badges@example.org\r\nBcc: x@example.org"], "mail.from"),
            (["mail.relay": "smtp.example.org:25", "mail.from": "badges@example.org", "mail.tls": "ssl"], "mail.tls"),
            (["mail.relay": "smtp.example.org:25", "mail.from": "badges@example.org", "mail.timeout": 1], "mail.timeout"),
            (["mail.relay": "smtp.example.org:25", "mail.from": "badges@example.org", "mail.username": "badged"], "mail.password"),
            (
                [
                    "mail.relay": "smtp.example.org:25", "mail.from": "badges@example.org", "mail.tls": "none", "mail.username": "u",
                    "mail.password": "p",
                ],
                "mail.tls"
            ),
        ]
        for (values, field) in cases {
            let error = #expect(throws: BadgeServerError.self) { try read(values) }
            #expect(error?.field == field, "\(values)")
        }
    }

    @Test func databaseURLsAreSecret() {
        #expect(ConfigurationLoader.isSecret("DB_URL"))
        #expect(ConfigurationLoader.isSecret("db.url"))
        #expect(!ConfigurationLoader.isSecret("HTTP_PORT"))
    }
}
