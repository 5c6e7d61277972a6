@preconcurrency import AsyncKit
public import BadgeCore
import Foundation
public import Logging
import NIOCore
import NIOPosix
import PostgresKit
public import SQLKit
import SQLiteKit
import Synchronization

/// The database badged keeps its state in: SQLite (embedded default) or PostgreSQL.
///
/// Every statement runs inside ``session(_:)``, ``transaction(_:)`` or ``read(_:)``; the same SQL
/// runs on both engines. SQLite writes on one connection behind a ``SessionGate``, and an SQLite
/// file (WAL) also has reader connections, so that reads on hot paths do not queue behind a
/// transaction's commit; PostgreSQL uses a connection pool, so several daemons can share one server.
public final class BadgeDatabase: ReadinessProbe {
    /// Which engine is behind the database.
    public enum Engine: String, Sendable {
        case sqlite
        case postgres
    }

    // The pool is internally synchronised (AsyncKit documents it as thread-safe) but is not
    // annotated Sendable.
    private enum Backend: @unchecked Sendable {
        case sqlite(SQLiteConnection, SessionGate, readers: [SQLiteConnection], writerThread: NIOThreadPool)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    /// Reader connections of an SQLite file: as many as the shared thread pool that runs their
    /// SQLite calls (the writer runs on a thread of its own).
    static let sqliteReaders = 2

    private let backend: Backend
    /// Which reader takes the next read (round robin).
    private let nextReader = Mutex(0)
    private let logger: Logger
    /// Which engine is behind the database.
    public let engine: Engine
    /// Where the database is, for messages (never with a password).
    public let location: DatabaseLocation
    /// The engine's name (`sqlite`, `postgres`).
    public var engineName: String { engine.rawValue }
    /// Writes audit rows with the injected clock and identifiers.
    let auditLog: AuditLog
    /// Decoded catalogue contents, shared by the stores on this database.
    let decodedBodies = DecodedBodies()
    /// Catalogue records batch reads found in the last second.
    let recentRecords = RecentReads<RecentRecord>(capacity: 4_096)
    /// Decoded stacking rules, by composite badge class id (apart from ``decodedBodies``, where
    /// that id names the badge class itself).
    let decodedStackingRules = DecodedBodies()
    /// Draws credential numbers with the injected random source.
    let credentialNumbering: CredentialNumbering

    private init(
        backend: Backend,
        engine: Engine,
        location: DatabaseLocation,
        logger: Logger,
        clock: any TimeSource,
        ids: any IDGenerator,
        random: any RandomSource
    ) {
        self.backend = backend
        self.engine = engine
        self.location = location
        self.logger = logger
        self.auditLog = AuditLog(clock: clock, ids: ids)
        self.credentialNumbering = CredentialNumbering(random: random)
    }

    /// Opens (and for SQLite files, creates) the database. Migrate it (``Migrator``) before use
    /// and ``close()`` it when done.
    /// - Parameters:
    ///   - clock: the time of audit and outbox rows.
    ///   - ids: the ids of audit and outbox rows.
    ///   - random: the random part of credential numbers.
    public static func open(
        _ location: DatabaseLocation,
        logger: Logger,
        clock: any TimeSource = SystemTimeSource(),
        ids: any IDGenerator = UUIDv7Generator(),
        random: any RandomSource = SystemRandomSource()
    ) async throws -> BadgeDatabase {
        switch location {
        case .sqliteMemory, .sqliteFile:
            let storage: SQLiteConnection.Storage
            var isFile = false
            if case .sqliteFile(let path) = location {
                isFile = true
                let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
                do {
                    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                } catch {
                    throw StorageError(.unavailable, "cannot create the directory for \(location)", cause: error)
                }
                storage = .file(path: path)
            } else {
                storage = .memory
            }
            // The writer has a thread of its own: while a commit waits for the disk (fsync), reads
            // still have both threads of the shared pool (they queued behind the commit before).
            let writerThread = NIOThreadPool(numberOfThreads: 1)
            writerThread.start()
            let connection: SQLiteConnection
            do {
                connection = try await SQLiteConnection.open(
                    storage: storage,
                    threadPool: writerThread,
                    logger: logger,
                    on: MultiThreadedEventLoopGroup.singleton.any()
                ).get()
            } catch {
                try? await writerThread.shutdownGracefully()
                throw StorageError(.unavailable, "cannot open \(location)", cause: error)
            }
            var readers: [SQLiteConnection] = []
            do {
                try await Self.configure(connection, isFile: isFile, isReader: false)
                // In-memory databases are private to their connection: they read on the writer.
                if isFile {
                    for _ in 0..<sqliteReaders {
                        let reader = try await SQLiteConnection.open(storage: storage, logger: logger)
                        readers.append(reader)
                        try await Self.configure(reader, isFile: true, isReader: true)
                    }
                }
            } catch {
                for reader in readers { try? await reader.close().get() }
                try? await connection.close().get()
                try? await writerThread.shutdownGracefully()
                throw StorageError(.unavailable, "cannot configure \(location)", cause: error)
            }
            return BadgeDatabase(
                backend: .sqlite(connection, SessionGate(), readers: readers, writerThread: writerThread),
                engine: .sqlite,
                location: location,
                logger: logger,
                clock: clock,
                ids: ids,
                random: random
            )
        case .postgres(let url):
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw StorageError(.invalidURL, "db.url is not a usable PostgreSQL URL: \(location)")
            }
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: 4,
                logger: logger,
                on: MultiThreadedEventLoopGroup.singleton
            )
            return BadgeDatabase(
                backend: .postgres(pool),
                engine: .postgres,
                location: location,
                logger: logger,
                clock: clock,
                ids: ids,
                random: random
            )
        }
    }

    /// Sets a new SQLite connection up: foreign keys, the busy timeout, WAL for files; readers
    /// refuse writes.
    private static func configure(_ connection: SQLiteConnection, isFile: Bool, isReader: Bool) async throws {
        let db = connection.sql(queryLogLevel: .trace)
        try await db.raw("PRAGMA foreign_keys = ON").run()
        try await db.raw("PRAGMA busy_timeout = 5000").run()
        if isFile && !isReader {
            try await db.raw("PRAGMA journal_mode = WAL").run()
            // Checkpoints every 8,192 pages (32 MiB of WAL) instead of 1,000: a page that many
            // commits change (an index leaf, the end of a table) is copied back to the database
            // once per checkpoint, not once per commit or two.
            try await db.raw("PRAGMA wal_autocheckpoint = 8192").run()
        }
        if isFile {
            // Pages come from a shared mapping, not a read() copy each: a reader's page cache is
            // dropped whenever the writer commits, so re-reading pages is the common case.
            try await db.raw("PRAGMA mmap_size = 268435456").run()
            try await db.raw("PRAGMA cache_size = -16384").run()
        }
        // Statement journals (a multi-row upsert inside a transaction keeps one) stay in memory
        // instead of going to a temporary file with a write per page.
        try await db.raw("PRAGMA temp_store = MEMORY").run()
        if isReader { try await db.raw("PRAGMA query_only = ON").run() }
    }

    /// Runs `body`, which only reads, where reads do not wait for writes: on an SQLite file one of
    /// its reader connections (WAL: each statement sees what was committed when it began, as on
    /// PostgreSQL), elsewhere as ``session(_:)``. Use it for reads outside any transaction.
    public func read<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        guard case .sqlite(_, _, let readers, _) = backend, !readers.isEmpty else { return try await session(body) }
        let index = nextReader.withLock { next in
            defer { next = (next + 1) % readers.count }
            return next
        }
        return try await body(readers[index].sql(queryLogLevel: .trace))
    }

    /// Runs `body` with a database that stays on one connection, without a transaction.
    public func session<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        switch backend {
        case .sqlite(let connection, let gate, _, _):
            let db = connection.sql(queryLogLevel: .trace)
            return try await gate.withHold { try await body(db) }
        case .postgres(let pool):
            return try await pool.database(logger: logger).sql(queryLogLevel: .trace).withSession(body)
        }
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    ///
    /// SQLite transactions begin IMMEDIATE: they take the write lock at once, waiting up to the
    /// busy timeout for another process's writer, instead of failing with "database is locked"
    /// when a deferred transaction has to upgrade its read lock after another process wrote.
    public func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let begin: SQLQueryString = engine == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        return try await session { db in
            try await db.raw(begin).run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Whether the database answers a trivial query (for readiness checks).
    public func isReachable() async -> Bool {
        do {
            return try await session { db in try await db.raw("SELECT 1 AS ok").first() != nil }
        } catch {
            return false
        }
    }

    /// Closes the connection or pool.
    public func close() async throws {
        switch backend {
        case .sqlite(let connection, _, let readers, let writerThread):
            for reader in readers { try await reader.close().get() }
            try await connection.close().get()
            try await writerThread.shutdownGracefully()
        case .postgres(let pool): try await pool.shutdownAsync()
        }
    }
}
