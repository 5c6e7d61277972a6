public import Foundation

/// Debian's Chromium, headless, as a test's browser: it renders a page as a visitor would see it
/// (following redirects, loading images under the page's Content-Security-Policy), takes
/// screenshots at a viewport size and prints to PDF.
///
/// Each run gets its own temporary profile and ends within ``timeout`` seconds (coreutils
/// `timeout` kills a hung browser). Chromium's sandbox cannot run as root, so only then is it
/// turned off. A missing browser is a failure, not a skip: CI installs the `chromium` package
/// (`scripts/system-packages.sh`).
public struct HeadlessBrowser: Sendable {
    /// Where Debian installs it.
    public static let executable = "/usr/bin/chromium"
    /// The longest a run may take, in seconds, on a loaded 2-core machine.
    public let timeout: Int

    /// A browser; throws with how to install it when it is missing.
    public init(timeout: Int = 180) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
            throw TestSetupError(
                "Chromium is not installed at \(Self.executable): the browser tests need it. Install it with "
                    + "`apt-get install -y chromium` (scripts/system-packages.sh does)."
            )
        }
        self.timeout = timeout
    }

    /// The DOM of `url` after it loaded (and after any redirects), serialised as HTML.
    public func dumpDOM(_ url: String) async throws -> String {
        try await run(["--dump-dom", url]).output
    }

    /// A PNG screenshot of `url` in a viewport of `width` × `height` CSS pixels at scale 1.
    public func screenshot(_ url: String, to file: URL, width: Int, height: Int) async throws {
        try await run(["--screenshot=\(file.path)", "--window-size=\(width),\(height)", "--force-device-scale-factor=1", "--hide-scrollbars", url])
    }

    /// `url` printed to a PDF file as the browser's Print command would, without the header and
    /// footer the browser adds by default.
    public func printToPDF(_ url: String, to file: URL) async throws {
        try await run(["--print-to-pdf=\(file.path)", "--no-pdf-header-footer", url])
    }

    @discardableResult
    private func run(_ arguments: [String]) async throws -> ChildProcess.Finished {
        let profile = FileManager.default.temporaryDirectory.appending(path: "badged-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        var flags = [
            "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-dev-shm-usage", "--user-data-dir=\(profile.path)",
        ]
        if getuid() == 0 { flags.append("--no-sandbox") }
        let finished = try await ChildProcess.run(
            "/usr/bin/timeout",
            ["-k", "10", String(timeout), Self.executable] + flags + arguments,
            environment: try Self.temporaryFiles(in: profile)
        )
        guard finished.status == 0 else {
            throw TestSetupError(
                "chromium \(arguments.joined(separator: " ")) "
                    + (finished.status == 124 ? "did not finish within \(timeout) s" : "exited with \(finished.status)")
                    + ": \(finished.errors.suffix(2_000))"
            )
        }
        return finished
    }

    /// The environment that keeps Chromium's own temporary files (its singleton socket, shared
    /// memory files) inside `profile`, which the test removes, instead of the system's
    /// temporary directory, where a killed browser leaves them.
    public static func temporaryFiles(in profile: URL) throws -> [String: String] {
        let folder = profile.appending(path: "tmp")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return ["TMPDIR": folder.path]
    }
}
