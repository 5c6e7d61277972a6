public import Foundation

/// Runs 1EdTech's Open Badges 2.0 verifier from `../shared/ob2` (offline, loopback only).
///
/// The verifier's virtualenv is made by `../shared/ob2/setup.sh` (scripts/test.sh does it);
/// `BADGED_OB2_PYTHON` may name another interpreter.
public enum OB2Verifier {
    /// The verifier's exit status and output.
    public struct Outcome: Sendable {
        /// 0 valid, 1 invalid, 2 usage or setup error.
        public let status: Int32
        /// The verifier's JSON result and its one-line summary.
        public let output: String
    }

    /// The interpreter of the verifier's virtualenv.
    public static var python: String {
        ProcessInfo.processInfo.environment["BADGED_OB2_PYTHON"] ?? "/tmp/ob2-venv/bin/python"
    }

    /// Verifies a URL or a JWS string; `recipient` adds the recipient check (an e-mail address).
    public static func verify(_ input: String, recipient: String? = nil) async throws -> Outcome {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw TestSetupError("the Open Badges verifier is not set up: run ../shared/ob2/setup.sh (scripts/test.sh does)")
        }
        let script = SamplePaths.shared.appending(path: "ob2/verify.py").path
        var arguments = [script, input, "--report-only"]
        if let recipient { arguments += ["--recipient", recipient] }
        let finished = try await ChildProcess.run(python, arguments, directory: SamplePaths.shared.appending(path: "ob2"))
        return Outcome(status: finished.status, output: finished.output + finished.errors)
    }
}

/// A TCP port that was free a moment ago, for servers whose URL must be known before they start.
public enum FreePort {
    public static func make() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSetupError("no socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw TestSetupError("cannot bind") }
        let named = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        guard named == 0 else { throw TestSetupError("cannot read the port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
