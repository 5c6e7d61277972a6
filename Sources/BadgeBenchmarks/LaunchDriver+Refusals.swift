import BadgeServer
import LTI

extension LaunchDriver {
    /// What a tool answered to two launches it ought to refuse.
    struct Refusals: Sendable {
        /// The status of a launch whose id_token another key signed under the platform's key id.
        let forgedSignature: UInt
        /// The status of a valid launch posted a second time (same id_token, state and cookies).
        let replayedState: UInt

        /// Whether the replay was refused (any answer but 200).
        var refusesReplay: Bool { replayedState != 200 }
    }

    /// Tries a forged id_token and a replayed launch.
    /// - Throws: ``BenchmarkError`` when the tool accepts the forged signature, or does not
    ///   accept the first, valid, launch of the replay.
    func probeRefusals() async throws -> Refusals {
        let forger = try EphemeralToolKey.make(kid: key.kid)
        let forgedLogin = try await login()
        let forged = try await launch(forgedLogin, idToken: try await idToken(nonce: forgedLogin.nonce, signedBy: forger))
        guard forged.status != 200 else { throw BenchmarkError(.unexpectedResult, "a launch signed by a forger's key was accepted") }
        let replayedLogin = try await login()
        let token = try await idToken(nonce: replayedLogin.nonce)
        let first = try await launch(replayedLogin, idToken: token)
        guard first.status == 200 else {
            throw BenchmarkError(.unexpectedResult, "a valid launch answered \(first.status): \(first.body.prefix(200))")
        }
        let replayed = try await launch(replayedLogin, idToken: token)
        return Refusals(forgedSignature: forged.status, replayedState: replayed.status)
    }
}
