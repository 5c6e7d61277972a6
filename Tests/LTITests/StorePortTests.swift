import Foundation
import LTI
import LTITesting
import Testing

@Suite("In-memory ports")
struct StorePortTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func state(_ id: String, expiresIn seconds: TimeInterval = 300) -> LaunchState {
        LaunchState(
            state: id,
            nonce: "nonce-" + id,
            issuer: "iss",
            clientID: "c",
            targetLinkURI: "https://t/",
            expiresAt: now.addingTimeInterval(seconds)
        )
    }

    @Test func nonceIsConsumedExactlyOnceEvenUnderConcurrency() async throws {
        let store = InMemoryLaunchStateStore()
        await store.save(state("a"))
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 { group.addTask { await store.consumeNonce("nonce-a", at: now) } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 1)
    }

    @Test func unknownOrExpiredNoncesAreNotConsumable() async throws {
        let store = InMemoryLaunchStateStore()
        await store.save(state("b", expiresIn: 10))
        #expect(await store.consumeNonce("nonce-x", at: now) == false)
        #expect(await store.consumeNonce("nonce-b", at: now.addingTimeInterval(11)) == false)
    }

    @Test func expiredStatesAreInvisibleAndRemovable() async throws {
        let store = InMemoryLaunchStateStore()
        await store.save(state("c", expiresIn: 10))
        await store.save(state("d", expiresIn: 100))
        #expect(await store.launchState(for: "c", at: now) != nil)
        #expect(await store.launchState(for: "c", at: now.addingTimeInterval(10)) == nil)
        #expect(await store.removeExpired(before: now.addingTimeInterval(50)) == 1)
        #expect(await store.launchState(for: "d", at: now) != nil)
    }

    @Test func registryFindsByIssuerAndClientID() async throws {
        let moodle = Platform.moodle(siteURL: URL(string: "https://m.example/")!, clientID: "m1", deploymentIDs: ["3"])
        let registry = InMemoryPlatformRegistry([moodle])
        #expect(moodle.issuer == "https://m.example")
        #expect(moodle.jwksURL.absoluteString == "https://m.example/mod/lti/certs.php")
        #expect(await registry.platform(issuer: "https://m.example", clientID: "m1") == moodle)
        #expect(await registry.platform(issuer: "https://m.example", clientID: "m2") == nil)
        #expect(try await registry.resolve(issuer: "https://m.example", clientID: nil) == moodle)
        await registry.remove(issuer: "https://m.example", clientID: "m1")
        await #expect(throws: LTIError.self) { try await registry.resolve(issuer: "https://m.example", clientID: nil) }
    }
}
