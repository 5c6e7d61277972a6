import AsyncHTTPClient
import BadgeIssuing
import BadgeServer
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import LTI
import LTITesting
import NIOCore
import NIOHTTP1
import Testing

/// Headless Chromium launches badged from a Canvas course page that frames it: the platform (the
/// test platform, with its storage frame) at `127.0.0.1`, badged at `localhost`, two sites, so
/// badged's state cookie is a third-party cookie in the frame.
///
/// The profile's cookie setting decides (`profile.cookie_controls_mode` in its Preferences: 1
/// blocks third-party cookies, as Chrome's "Block third-party cookies" and Safari's and Firefox's
/// defaults do; 0 allows them). With them blocked the launch completes through the storage frame
/// (`lti.put_data` at the login, `lti.get_data` at the launch, the re-post to
/// `lti/launch/storage`); with them allowed the cookie path stays the one taken. The browser's
/// NetLog shows what it sent and got back.
@Suite("Canvas launch without third-party cookies in a browser", .heavyLane)
struct CanvasStorageBrowserTests {
    @Test func chromiumBlockingThirdPartyCookiesCompletesACanvasLaunchThroughTheStorageFrame() async throws {
        try await Self.launch(blockingThirdPartyCookies: true) { run, platform, app in
            #expect(run.dom.contains(Self.loadedAfterGet), "\(run.dom.suffix(2_000))")
            let log = await platform.state.storageLog
            let puts = log.filter { $0.hasPrefix("lti.put_data \(app.baseURL) \(PlatformStorageTarget.keyPrefix)") }
            let gets = log.filter { $0.hasPrefix("lti.get_data \(app.baseURL) \(PlatformStorageTarget.keyPrefix)") }
            #expect(puts.count == 1 && gets.count == 1, "\(log)")
            #expect(puts.first?.split(separator: " ").last == gets.first?.split(separator: " ").last, "the same state's key")

            let launch = run.netLog.exchanges("POST", path: "/lti/launch")
            #expect(launch.count == 1 && launch.allSatisfy { !$0.sentCookie }, "the state cookie was blocked")
            #expect(launch.first?.status?.contains(" 200") == true)
            let landed = run.netLog.exchanges("POST", path: "/lti/launch/storage")
            #expect(landed.count == 1)
            // The page the DOM shows (checked above) is what a 200 answer renders. Chromium exits
            // as soon as it has dumped that DOM, and under a loaded machine its NetLog has once
            // lost the last response's status line: a status recorded must be 200.
            #expect(landed.first.map { $0.status?.contains(" 200") ?? true } == true, "\(landed)")
            #expect(!run.errors.contains("Refused to frame"), "the launch page may be framed by the course")

            // The browser's launch spent the state: posting it again is refused.
            let issued = try #require(await platform.state.issuedLaunches.last)
            var repost = issued
            repost[LaunchForm.storedStateField] = issued["state"]
            var request = HTTPClientRequest(url: app.baseURL + "/lti/launch/storage")
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
            request.headers.add(name: "sec-fetch-site", value: "same-origin")
            request.body = .bytes(ByteBuffer(string: LTIBrowser.formEncoded(repost)))
            let replayed = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
            let body = String(buffer: try await replayed.body.collect(upTo: 1 << 20))
            #expect(replayed.status.code == 401)
            #expect(body.contains("\"replayed_nonce\""), "\(body)")
        }
    }

    @Test func chromiumKeepingThirdPartyCookiesLaunchesWithTheCookie() async throws {
        try await Self.launch(blockingThirdPartyCookies: false) { run, platform, app in
            let log = await platform.state.storageLog
            #expect(log.contains { $0.hasPrefix("lti.put_data \(app.baseURL) ") }, "the login still keeps the state in the frame")
            #expect(!log.contains { $0.hasPrefix("lti.get_data ") }, "the cookie came back: no need to read it")
            #expect(!run.dom.contains(Self.loadedAfterGet))
            let launch = run.netLog.exchanges("POST", path: "/lti/launch")
            #expect(launch.count == 1 && launch.allSatisfy(\.sentCookie))
            #expect(launch.first?.status?.contains(" 200") == true)
            #expect(run.netLog.exchanges("POST", path: "/lti/launch/storage").isEmpty)
        }
    }

    @Test func answersFromAnotherOriginAreIgnored() async throws {
        try await TestPlatform.withRunning(.canvas, clock: FixedClock(Date())) { rogue in
            try await Self.launch(blockingThirdPartyCookies: true, rogue: rogue.baseURL) { run, platform, app in
                // The other origin's frame answered both messages first, with a forged value; the
                // pages waited for the platform's own answers and the launch landed.
                let forged = await rogue.state.storageLog
                #expect(forged.contains("rogue answered lti.put_data") && forged.contains("rogue answered lti.get_data"), "\(forged)")
                #expect(run.dom.contains(Self.loadedAfterGet))
                let landed = run.netLog.exchanges("POST", path: "/lti/launch/storage")
                #expect(landed.count == 1 && landed.first?.status?.contains(" 200") == true, "\(landed)")
            }
        }
    }

    /// The course page's note of a tool document loaded after the storage frame answered `lti.get_data`.
    static let loadedAfterGet = "<p id=\"outcome\">tool loaded after get_data</p>"

    /// What one Chromium run left: the course page's DOM, its NetLog and its log lines.
    struct Run {
        let dom: String
        let netLog: ChromiumNetLog
        let errors: String
    }

    /// Starts a Canvas test platform and badged at `localhost`, registers the platform, and lets
    /// Chromium open the course page that launches a student.
    static func launch(
        blockingThirdPartyCookies block: Bool,
        rogue: String? = nil,
        _ check: @Sendable (Run, TestPlatform, LiveApp) async throws -> Void
    ) async throws {
        _ = try HeadlessBrowser()  // throws with how to install Chromium when it is missing
        try await TestPlatform.withRunning(.canvas, clock: FixedClock(Date())) { platform in
            try await withSeededDatabase(.sqlite) { fixture in
                let reader = ConfigReader(provider: InMemoryProvider(values: ["db.url": .init(.string(fixture.databaseURL), isSecret: true)]))
                let session = try await AdminSession.open(reader: reader, logger: TestDatabases.logger)
                do {
                    try await session.administration.registerPlatform(platform.registration, institution: LTIBrowser.institution)
                    try await session.close()
                } catch {
                    try? await session.close()
                    throw error
                }
                try await LiveApp.run(databaseURL: fixture.databaseURL, publicHost: "localhost") { app in
                    // The login page, the authorization form, and the landing page (with the
                    // cookie), or also the page that reads the state back (without).
                    let page = await platform.coursePageURL(
                        for: .student,
                        loginURL: app.baseURL + "/lti/login",
                        targetLinkURI: app.baseURL + "/lti/launch",
                        loads: block ? 4 : 3,
                        rogue: rogue
                    )
                    try await check(try await Self.chromium(page, blockingThirdPartyCookies: block), platform, app)
                }
            }
        }
    }

    /// Runs Chromium on `url` with a fresh profile whose cookie setting blocks or allows
    /// third-party cookies, and returns the DOM it dumps and its NetLog.
    static func chromium(_ url: String, blockingThirdPartyCookies block: Bool) async throws -> Run {
        let profile = FileManager.default.temporaryDirectory.appending(path: "badged-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile.appending(path: "Default"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        let preferences = #"{"profile": {"cookie_controls_mode": \#(block ? 1 : 0)}}"#
        try Data(preferences.utf8).write(to: profile.appending(path: "Default/Preferences"))
        let netLog = profile.appending(path: "netlog.json")
        var flags = [
            "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-dev-shm-usage",
            "--user-data-dir=\(profile.path)", "--log-net-log=\(netLog.path)", "--enable-logging=stderr", "--v=0",
        ]
        if getuid() == 0 { flags.append("--no-sandbox") }
        let finished = try await ChildProcess.run(
            "/usr/bin/timeout",
            ["-k", "10", "180", HeadlessBrowser.executable] + flags + ["--dump-dom", url],
            environment: try HeadlessBrowser.temporaryFiles(in: profile)
        )
        guard finished.status == 0 else {
            throw TestSetupError("chromium exited with \(finished.status): \(finished.errors.suffix(2_000))")
        }
        return Run(dom: finished.output, netLog: try ChromiumNetLog(contentsOf: netLog), errors: finished.errors)
    }
}
