import BadgeCore
import BadgeServer
import BadgeTesting
import Foundation
import OpenBadges
import Testing

/// The verifier against badges badged did not issue: the 1EdTech verifier kit's fixture issuer
/// (../shared/ob2/fixture_server.py, Python on 127.0.0.1), with its valid, revoked, tampered and
/// quirky assertions, fetched over real HTTP.
@Suite("badged verify against a third-party issuer")
struct VerifyThirdPartyTests {
    typealias Expected = (result: VerificationReport.Result, failed: VerificationReport.Name?)

    static let hosted: [String: Expected] = [
        "hosted-ok": (.valid, nil), "plain-email": (.valid, nil), "starts-with": (.valid, nil), "id-mismatch": (.valid, nil),
        "revoked-410": (.revoked, .revocation), "revoked-200": (.revoked, .revocation), "expired": (.expired, .expiry),
        "other-origin": (.invalid, .origin), "future": (.invalid, .dates), "no-tz": (.invalid, .dates),
        "issuer-no-email": (.invalid, .issuer), "wrong-type": (.invalid, .badgeClass), "no-hashed-flag": (.invalid, .assertion),
    ]

    static let signed: [String: Expected] = [
        "signed-ok": (.valid, nil), "signed-typ-jwt": (.valid, nil), "signed-http-id": (.valid, nil),
        "signed-tampered": (.invalid, .signature), "signed-wrong-key": (.invalid, .signature), "signed-revoked": (.revoked, .revocation),
        "signed-unlisted-key": (.invalid, .keyOwner), "signed-hs256-confusion": (.invalid, .algorithm), "signed-rs512": (.invalid, .algorithm),
        "signed-no-creator": (.invalid, .key), "signed-no-creator-no-issuer-key": (.invalid, .key),
    ]

    private static func verify(_ input: VerificationInput, recipient: String? = nil) async throws -> VerificationReport {
        try await HTTPDocumentFetcher.withFetcher { fetcher in
            await BadgeVerifier(fetcher: fetcher, clock: SystemTimeSource()).verify(input, recipient: recipient)
        }
    }

    private static func expect(_ report: VerificationReport, _ expected: Expected, _ name: String) {
        #expect(report.result == expected.result, "\(name): \(report.lines.joined(separator: "\n"))")
        let failed = report.checks.filter { $0.status == .failed }.map(\.name)
        #expect(failed == (expected.failed.map { [$0] } ?? []), "\(name): \(report.lines.joined(separator: "\n"))")
    }

    @Test func fixtureIssuerAssertionsAreJudgedAsTheSpecSays() async throws {
        try await FixtureIssuer.withRunning { index in
            let hostedURLs = try #require(index["hosted"]?.objectValue)
            let tokens = try #require(index["jws"]?.objectValue)
            for (name, expected) in Self.hosted {
                let url = try #require(hostedURLs[name]?.stringValue, "\(name)")
                Self.expect(try await Self.verify(.text(url)), expected, name)
            }
            for (name, expected) in Self.signed {
                let jws = try #require(tokens[name]?.stringValue, "\(name)")
                Self.expect(try await Self.verify(.text(jws)), expected, name)
            }

            let alice = try #require(index["recipients"]?["email"]?.stringValue)
            let hostedOK = try #require(hostedURLs["hosted-ok"]?.stringValue)
            Self.expect(try await Self.verify(.text(hostedOK), recipient: alice), (.valid, nil), "recipient")
            Self.expect(try await Self.verify(.text(hostedOK), recipient: "bob@example.org"), (.invalid, .recipient), "other recipient")

            let base = try #require(index["base"]?.stringValue)
            Self.expect(try await Self.verify(.text("\(base)/signed/signed-ok.jws")), (.valid, nil), "JWS URL")
            let signedOK = try #require(tokens["signed-ok"]?.stringValue)
            let png = try PNGBaker().bake(DefaultBadgeImage.png(), payload: signedOK)
            Self.expect(try await Self.verify(.data(png), recipient: alice), (.valid, nil), "baked PNG")
            let svg = try SVGBaker().bake(DefaultBadgeImage.svg(name: "Fixture"), .init(verify: hostedOK))
            Self.expect(try await Self.verify(.data(Data(svg.utf8))), (.valid, nil), "baked SVG")
        }
    }
}

/// The kit's fixture issuer as a child process on a free port.
enum FixtureIssuer {
    /// Runs the fixture server for the duration of `body`, passing it the server's index
    /// (`base`, `hosted` URLs, `jws` tokens, `recipients`).
    static func withRunning<T: Sendable>(_ body: @Sendable (JSONValue) async throws -> T) async throws -> T {
        guard FileManager.default.isExecutableFile(atPath: OB2Verifier.python) else {
            throw TestSetupError("the Open Badges verifier kit is not set up: run ../shared/ob2/setup.sh (scripts/test.sh does)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: OB2Verifier.python)
        process.arguments = ["fixture_server.py", "serve", "--port", "0", "--duration", "300"]
        process.currentDirectoryURL = SamplePaths.shared.appending(path: "ob2")
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        // SIGKILL: the test runner's blocked signal mask (SIGTERM included) is inherited by the child.
        defer { kill(process.processIdentifier, SIGKILL) }
        let index = try await readIndex(from: pipe.fileHandleForReading)
        return try await body(index)
    }

    /// Reads the pretty-printed index JSON (it ends with a line "}") on a thread of its own, so
    /// no Swift concurrency thread blocks on the pipe.
    private static func readIndex(from handle: FileHandle) async throws -> JSONValue {
        let text: String = try await withCheckedThrowingContinuation { continuation in
            Thread {
                var data = Data()
                while !(String(decoding: data, as: UTF8.self).hasSuffix("\n}\n")) {
                    let chunk = handle.availableData
                    if chunk.isEmpty || data.count > 1 << 20 {
                        return continuation.resume(throwing: TestSetupError("the fixture server exited before printing its index"))
                    }
                    data.append(chunk)
                }
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }.start()
        }
        return try JSONValue.decode(Data(text.utf8))
    }
}
