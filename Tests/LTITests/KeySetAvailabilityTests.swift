import Foundation
import LTI
import LTITesting
import Testing

@Suite("Platform key set availability")
struct KeySetAvailabilityTests {
    @Test func unreachableKeySetIsReportedAsUnavailable() async throws {
        try await TestPlatform.withRunning(.moodle) { platform in
            let harness = await LaunchHarness(platform: platform)
            var registration = platform.registration
            registration.jwksURL = URL(string: platform.baseURL + "/no-such-jwks")!
            await harness.registry.register(registration)
            let error = await #expect(throws: LTIError.self) { try await harness.launch() }
            #expect(error?.code == .keySetUnavailable)
        }
    }

    @Test func cachedKeysKeepWorkingWhileTheKeySetEndpointIsDown() async throws {
        try await TestPlatform.withRunning(.canvas) { platform in
            let harness = await LaunchHarness(platform: platform)
            _ = try await harness.launch()
            await platform.state.setJWKSDown(true)
            platform.clock.advance(by: 3601)
            let launch = try await harness.launch()
            #expect(launch.deploymentID == platform.deploymentID)
            let error = await #expect(throws: LTIError.self) { try await harness.launch(key: TestPlatform.otherKey, kid: "rogue") }
            #expect(error?.code == .unknownKey)
        }
    }
}
