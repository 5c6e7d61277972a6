public import Foundation

/// Reads a QR code image back with an independent decoder, Debian's `zbarimg` (zbar-tools), as
/// a phone camera would.
public enum QRReader {
    /// What `zbarimg` made of `image`: its exit status (0 when it found a code), the code's
    /// text, and its complaints.
    public static func read(_ image: Data, suffix: String = "png") async throws -> (status: Int32, text: String, errors: String) {
        let file = FileManager.default.temporaryDirectory.appending(path: "badged-qr-\(UUID().uuidString).\(suffix)")
        try image.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let finished = try await ChildProcess.run("/usr/bin/zbarimg", ["--raw", "-q", file.path])
        return (finished.status, finished.output.trimmingCharacters(in: .newlines), finished.errors)
    }
}
