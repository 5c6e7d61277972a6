import BadgeIssuing
import LTI
import Logging

/// Where the LTI tool's keys come from, decided once, on first use: the injected key set, the
/// database's keyring (with `signing.key_encryption_key`), or one ephemeral key for the process.
///
/// The daemon asks at start-up (its LTI routes need the keys); admin commands ask only when
/// they talk to a platform (`badged sync`), so the others neither read the keyring nor make an
/// RSA key. Concurrent first callers share one resolution.
actor ToolKeyResolver {
    private let injected: ToolKeySet?
    private let keyring: ToolKeyring?
    private let logger: Logger
    private var resolution: Task<ToolKeySource, any Error>?

    init(injected: ToolKeySet?, keyring: ToolKeyring?, logger: Logger) {
        self.injected = injected
        self.keyring = keyring
        self.logger = logger
    }

    /// The key source, resolved on the first call.
    func source() async throws -> ToolKeySource {
        if let resolution { return try await resolution.value }
        let (injected, keyring, logger) = (injected, keyring, logger)
        let task = Task {
            let initial: ToolKeySet
            if let injected {
                initial = injected
            } else if let keyring {
                initial = try await keyring.keySet()
            } else {
                logger.warning("using an ephemeral LTI tool key: set signing.key_encryption_key to keep it across restarts and daemons")
                initial = ToolKeySet(current: try EphemeralToolKey.make())
            }
            return ToolKeySource(initial: initial, keyring: keyring)
        }
        resolution = task
        return try await task.value
    }
}
