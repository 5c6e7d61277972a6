public import BadgeCore
import BadgeIssuing
import BadgeServer
public import BadgeStorage
public import Configuration
public import Foundation
import Hummingbird
public import HummingbirdTesting
import Logging

/// What a test app holds: the sample university and keys for each role.
public struct TestFixture: Sendable {
    /// The sample university as imported.
    public let tree: CatalogTree
    /// Keys of the sample university.
    public let adminKey, registrarKey, instructorKey: String
    /// An operator key (every institution).
    public let operatorKey: String
    /// A registrar key of a second institution, which must see nothing of the first.
    public let otherRegistrarKey: String
    /// The second institution's id.
    public let otherInstitutionID: UUID
    /// The database URL the app runs on (for tests that restart it).
    public let databaseURL: String
}

/// Runs `body` against badged served on 127.0.0.1 (real HTTP), on a fresh database of the
/// given engine holding the sample catalogue, a second institution and one key per role.
public func withTestApp<R: Sendable>(
    _ engine: BadgeDatabase.Engine = .sqlite,
    configuration extra: [AbsoluteConfigKey: ConfigValue] = [:],
    _ body: @Sendable (any TestClientProtocol, TestFixture) async throws -> R
) async throws -> R {
    try await withSeededDatabase(engine) { fixture in
        try await runTestApp(databaseURL: fixture.databaseURL, configuration: extra) { client in try await body(client, fixture) }
    }
}

/// Like ``withTestApp(_:configuration:_:)``, but badged listens on a fixed loopback port and
/// the client is AsyncHTTPClient with a connection pool, so requests really run concurrently
/// (HummingbirdTesting's client sends everything over one connection, one after another).
public func withLiveTestApp<R: Sendable>(
    _ engine: BadgeDatabase.Engine = .sqlite,
    configuration extra: [AbsoluteConfigKey: ConfigValue] = [:],
    _ body: @Sendable (LiveApp, TestFixture) async throws -> R
) async throws -> R {
    try await withSeededDatabase(engine) { fixture in
        try await LiveApp.run(databaseURL: fixture.databaseURL, configuration: extra) { app in try await body(app, fixture) }
    }
}

/// A fresh database of `engine` (an SQLite file, or a PostgreSQL database) with the sample
/// catalogue, removed afterwards (the same seed as ``withTestApp(_:configuration:_:)``, without a daemon).
public func withSeededDatabase<R: Sendable>(
    _ engine: BadgeDatabase.Engine,
    _ body: @Sendable (TestFixture) async throws -> R
) async throws -> R {
    let directory = FileManager.default.temporaryDirectory.appending(path: "badged-test-\(UUID().uuidString)")
    let url: String
    let cleanup: @Sendable () async throws -> Void
    switch engine {
    case .sqlite:
        url = "sqlite:\(directory.appending(path: "badged.sqlite").path)"
        cleanup = {}
    case .postgres:
        let (location, drop) = try await TestDatabases.makeLocation(.postgres)
        guard case .postgres(let postgresURL) = location else { throw TestSetupError("expected a PostgreSQL location") }
        url = postgresURL
        cleanup = drop
    }
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
        let result = try await body(try await seedTestDatabase(databaseURL: url))
        try await cleanup()
        return result
    } catch {
        try? await cleanup()
        throw error
    }
}

/// Runs badged on an existing database, for tests that stop and start it.
/// - Parameter clock: the daemon's clock (by default fixed at 2026-09-01T09:00:00Z; tests with
///   certificates made for the real now pass `FixedTimeSource(Date())`).
public func runTestApp<R: Sendable>(
    databaseURL: String,
    configuration extra: [AbsoluteConfigKey: ConfigValue] = [:],
    clock: FixedTimeSource = FixedTimeSource(),
    _ body: @Sendable (any TestClientProtocol) async throws -> R
) async throws -> R {
    // Test platforms listen on 127.0.0.1: the daemon under test may reach them (a test that
    // proves refusals sets its own allowlist).
    var values: [AbsoluteConfigKey: ConfigValue] = [
        "db.url": .init(.string(databaseURL), isSecret: true), "http.port": 0, "log.level": "critical",
        "network.private_endpoint_allowlist": .init(.stringArray(["127.0.0.1"]), isSecret: false),
    ]
    values.merge(extra) { _, new in new }
    let reader = ConfigReader(provider: InMemoryProvider(values: values))
    let app = try await buildApplication(reader: reader, dependencies: AppDependencies(clock: clock, logger: TestDatabases.logger))
    return try await app.test(.live, body)
}

/// Fills the database at `databaseURL` with the sample catalogue, a second institution and one
/// API key per role.
public func seedTestDatabase(databaseURL: String) async throws -> TestFixture {
    let reader = ConfigReader(provider: InMemoryProvider(values: ["db.url": .init(.string(databaseURL), isSecret: true)]))
    let session = try await AdminSession.open(reader: reader, logger: TestDatabases.logger, clock: FixedTimeSource())
    do {
        let tree = try await session.administration.importCatalog(try Data(contentsOf: SampleCatalog.fileURL))
        let other = try await session.administration.importCatalog(Data(otherInstitution.utf8))
        let identifier = tree.institution.identifier
        let fixture = TestFixture(
            tree: tree,
            adminKey: try await session.administration.createKey(institution: identifier, role: .admin, label: "admin").token,
            registrarKey: try await session.administration.createKey(institution: identifier, role: .registrar, label: "registrar").token,
            instructorKey: try await session.administration.createKey(institution: identifier, role: .instructor, label: "instructor").token,
            operatorKey: try await session.administration.createKey(institution: nil, role: .operator, label: "operator").token,
            otherRegistrarKey: try await session.administration.createKey(institution: "hogeschool-zuid.nl", role: .registrar, label: "other").token,
            otherInstitutionID: other.institution.id,
            databaseURL: databaseURL
        )
        try await session.close()
        return fixture
    } catch {
        try? await session.close()
        throw error
    }
}

private let otherInstitution = """
    {"institution": {"identifier": "hogeschool-zuid.nl", "brin": "98ZU", "name": {"nl": "Hogeschool Zuid"},
     "institution_type": "HBO", "faculties": [{"name": {"nl": "Techniek"}}]}}
    """
