import Foundation
import Testing

@testable import LTI

@Suite("Launch state machine (no I/O)")
struct LaunchStateMachineTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let platform = Platform.canvas(clientID: "c1", deploymentIDs: ["1:a"])
    static let launchState = LaunchState(
        state: "s1",
        nonce: "n1",
        issuer: "https://canvas.instructure.com",
        clientID: "c1",
        targetLinkURI: "https://t/",
        expiresAt: now + 60
    )

    static func token(header: String) -> String {
        Data(header.utf8).base64URL + ".e30.c2ln"
    }

    func machine(header: String = #"{"alg":"RS256","kid":"k1"}"#, cookie: String? = "s1") -> LTILaunch.StateMachine {
        LTILaunch.StateMachine(form: LaunchForm(idToken: Self.token(header: header), state: "s1", stateCookie: cookie), now: Self.now, leeway: 30)
    }

    func code(of action: LTILaunch.StateMachine.Action) -> LTIError.Code? {
        if case .reject(let error) = action { return error.code }
        return nil
    }

    @Test func unknownKeyIDAsksForExactlyOneRefetch() {
        var machine = machine()
        guard case .lookUpState("s1") = machine.start() else { Issue.record("expected a state lookup"); return }
        guard case .fetchKey("k1", _, refresh: false) = machine.stateLoaded(Self.launchState, platform: Self.platform) else {
            Issue.record("expected a cached key lookup")
            return
        }
        guard case .fetchKey("k1", _, refresh: true) = machine.keyLoaded(nil) else { Issue.record("expected a refetch"); return }
        #expect(code(of: machine.keyLoaded(nil)) == .unknownKey)
    }

    @Test func headerChecksRunBeforeAnyIO() {
        var none = machine(header: #"{"alg":"none"}"#)
        #expect(code(of: none.start()) == .unsecuredToken)
        var hmac = machine(header: #"{"alg":"HS512","kid":"k1"}"#)
        #expect(code(of: hmac.start()) == .symmetricAlgorithm)
        var ps = machine(header: #"{"alg":"PS256","kid":"k1"}"#)
        #expect(code(of: ps.start()) == .unsupportedAlgorithm)
        var noKid = machine(header: #"{"alg":"RS256"}"#)
        #expect(code(of: noKid.start()) == .unknownKey)
        var cookieless = machine(cookie: nil)
        #expect(code(of: cookieless.start()) == .stateMismatch)
    }

    @Test func eventsOutOfOrderAreRejected() {
        var machine = machine()
        #expect(code(of: machine.nonceConsumed(true)) == .invalidRequest)
    }

    @Test func missingStoredStateEndsTheFlow() {
        var machine = machine()
        _ = machine.start()
        #expect(code(of: machine.stateLoaded(nil, platform: nil)) == .unknownState)
    }
}
