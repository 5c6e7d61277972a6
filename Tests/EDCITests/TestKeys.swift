import Foundation

/// A throwaway RSA key and self-signed certificate made with the `openssl` command line.
struct TestKeys: Sendable {
    let privateKeyPEM: String
    let certificatePEM: String

    static func generate(commonName: String = "badged test signer") throws -> TestKeys {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edci-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = directory.appendingPathComponent("key.pem")
        let certificate = directory.appendingPathComponent("cert.pem")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", certificate.path,
            "-days", "2", "-subj", "/CN=\(commonName)",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return TestKeys(
            privateKeyPEM: try String(contentsOf: key, encoding: .utf8),
            certificatePEM: try String(contentsOf: certificate, encoding: .utf8)
        )
    }
}
