import Foundation
import LTI
import LTITesting
import Testing

/// A platform that rotates its signing key signs the very next launch with the new key; the
/// tool must accept it on the first try, while forged key ids stay cheap.
@Suite("Platform key rotation")
struct KeyRotationTests {
    @Test(arguments: [TestPlatform.Flavour.moodle, .canvas])
    func aLaunchSignedWithANewKeyRightAfterARotationIsAccepted(flavour: TestPlatform.Flavour) async throws {
        try await TestPlatform.withRunning(flavour) { platform in
            let harness = await LaunchHarness(platform: platform)
            _ = try await harness.launch()
            platform.clock.advance(by: 3)
            await platform.state.rotate(to: TestPlatform.keyB, publishing: [TestPlatform.keyA, TestPlatform.keyB])
            let launch = try await harness.launch()
            #expect(launch.deploymentID == platform.deploymentID)
            #expect(await platform.state.jwksFetches == 2)
            // The next launches use the refetched set.
            _ = try await harness.launch()
            #expect(await platform.state.jwksFetches == 2)
        }
    }

    @Test(arguments: [TestPlatform.Flavour.moodle, .canvas])
    func aRotationMomentsAfterAFetchIsPickedUpOnTheFirstLaunch(flavour: TestPlatform.Flavour) async throws {
        try await TestPlatform.withRunning(flavour) { platform in
            let harness = await LaunchHarness(platform: platform)
            _ = try await harness.launch()
            // Rotated in the same second as the tool's fetch: the token was signed after it.
            await platform.state.rotate(to: TestPlatform.keyB, publishing: [TestPlatform.keyB])
            let launch = try await harness.launch()
            #expect(launch.deploymentID == platform.deploymentID)
            #expect(await platform.state.jwksFetches == 2)
        }
    }

    @Test func concurrentLaunchesAfterARotationShareOneFetch() async throws {
        try await TestPlatform.withRunning(.canvas) { platform in
            let harness = await LaunchHarness(platform: platform)
            _ = try await harness.launch()
            platform.clock.advance(by: 5)
            await platform.state.rotate(to: TestPlatform.keyB, publishing: [TestPlatform.keyB])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<12 { group.addTask { _ = try await harness.launch() } }
                try await group.waitForAll()
            }
            #expect(await platform.state.jwksFetches == 2)
        }
    }

    @Test func forgedKeyIDsCauseAtMostOneFetchPerInterval() async throws {
        try await TestPlatform.withRunning(.moodle) { platform in
            let harness = await LaunchHarness(platform: platform)
            _ = try await harness.launch()
            let started = ContinuousClock.now
            let codes = try await withThrowingTaskGroup(of: LTIError.Code?.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        do {
                            _ = try await harness.launch(key: TestPlatform.otherKey, kid: "forged-\(index)")
                            return nil
                        } catch let error as LTIError {
                            return error.code
                        }
                    }
                }
                return try await group.reduce(into: [LTIError.Code?]()) { $0.append($1) }
            }
            #expect(codes.count == 20)
            #expect(codes.allSatisfy { $0 == .unknownKey })
            // Twenty forged ids: the first fetch and at most one more per second they took (one
            // second on an idle machine; a full parallel run has stretched them over several).
            let seconds = Int(started.duration(to: .now).components.seconds)
            #expect(await platform.state.jwksFetches <= 2 + seconds)
        }
    }
}
