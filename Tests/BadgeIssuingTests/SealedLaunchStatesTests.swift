import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import LTI
import OpenBadges
import Testing

/// Login states sealed into the `state` value: opened by any daemon with the same key, refused
/// when altered, foreign or late, and good for one launch.
@Suite("Sealed login states")
struct SealedLaunchStatesTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func draft() -> LaunchState {
        LaunchState(
            state: "draft",
            nonce: "n-0123456789abcdefghijklmnopqrstuvwxyzABCDE",
            issuer: "https://moodle.example.edu",
            clientID: "client-1",
            targetLinkURI: "https://badges.example.edu/lti/launch",
            expiresAt: now.addingTimeInterval(300)
        )
    }

    @Test func aStateOpensOnAnotherDaemonWithTheSameKeyAndCarriesTheLogin() async throws {
        let key = try KeyEncryption(secret: [UInt8](repeating: 3, count: 32))
        let state = try await SealedLaunchStates(encryption: key, spent: InMemoryReplayGuard()).issue(Self.draft())
        #expect(state.utf8.count <= LaunchForm.maximumStateLength)
        #expect(!state.contains("moodle"))
        let other = SealedLaunchStates(encryption: try KeyEncryption(secret: [UInt8](repeating: 3, count: 32)), spent: InMemoryReplayGuard())
        let opened = try #require(try await other.launchState(for: state, at: Self.now))
        var expected = Self.draft()
        expected.state = state
        #expect(opened == expected)
    }

    @Test func alteredForeignAndLateStatesAreRefused() async throws {
        let states = SealedLaunchStates(encryption: try KeyEncryption(secret: [UInt8](repeating: 3, count: 32)), spent: InMemoryReplayGuard())
        let state = try await states.issue(Self.draft())
        var altered = Array(state)
        altered[altered.count / 2] = altered[altered.count / 2] == "A" ? "B" : "A"
        #expect(try await states.launchState(for: String(altered), at: Self.now) == nil)
        let foreign = SealedLaunchStates(encryption: try KeyEncryption(secret: [UInt8](repeating: 4, count: 32)), spent: InMemoryReplayGuard())
        #expect(try await foreign.launchState(for: state, at: Self.now) == nil)
        #expect(try await states.launchState(for: state, at: Self.now.addingTimeInterval(300)) == nil)
        #expect(try await states.launchState(for: "random-state-of-another-tool", at: Self.now) == nil)
    }

    @Test func stringsOfAnyKindComeBackAsSealed() async throws {
        let states = SealedLaunchStates(encryption: try KeyEncryption(secret: [UInt8](repeating: 3, count: 32)), spent: InMemoryReplayGuard())
        var draft = Self.draft()
        draft.clientID = "client \"1\" \\ / é 😀 \u{1}"
        draft.targetLinkURI = "https://badges.example.edu/lti/launch?a=1&b=%20"
        let state = try await states.issue(draft)
        draft.state = state
        #expect(try await states.launchState(for: state, at: Self.now) == draft)
    }

    @Test func sealedValuesOfAnotherShapeAreRefused() async throws {
        let key = try KeyEncryption(secret: [UInt8](repeating: 3, count: 32))
        let states = SealedLaunchStates(encryption: key, spent: InMemoryReplayGuard())
        let shapes = [
            #"{"n":"x","i":"y","c":"z","t":"u","e":"1900000000"}"#, #"{"n":"x","i":"y","c":"z","e":1900000000}"#,
            #"{"n":1,"i":"y","c":"z","t":"u","e":1900000000}"#, #"["x","y","z","u",1900000000]"#, #"{"n":"x","i":"y","c":"z","t":"u","e":1.9e9}"#,
            "not json",
        ]
        for shape in shapes {
            let sealed = try key.seal(Data(shape.utf8), context: "lti-login-state")
            let combined = try #require(Data(base64Encoded: String(sealed.dropFirst("v1:".count))))
            #expect(try await states.launchState(for: "s1." + Base64URL.encode(combined), at: Self.now) == nil, "\(shape)")
        }
        // The same route with the issued shape opens, so the refusals above are about the shape.
        let good = try key.seal(Data(#"{"n":"x","i":"y","c":"z","t":"u","e":1900000000}"#.utf8), context: "lti-login-state")
        let combined = try #require(Data(base64Encoded: String(good.dropFirst("v1:".count))))
        #expect(try await states.launchState(for: "s1." + Base64URL.encode(combined), at: Self.now)?.nonce == "x")
    }

    @Test(arguments: StorageBackend.all)
    func aNonceIsSpentOnceAcrossDaemons(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let key = try KeyEncryption(secret: [UInt8](repeating: 3, count: 32))
            let guardStore: any ReplayGuard = world.database.map { SQLReplayGuard(database: $0) } ?? InMemoryReplayGuard()
            let first = SealedLaunchStates(encryption: key, spent: guardStore)
            let second = SealedLaunchStates(encryption: key, spent: guardStore)
            let nonce = Self.draft().nonce
            let results = try await [first.consumeNonce(nonce, at: Self.now), second.consumeNonce(nonce, at: Self.now)]
            #expect(results.sorted { !$0 && $1 } == [false, true])
        }
    }
}
