public import Foundation

/// A throwaway public-key infrastructure made with the `openssl` command line in a temporary
/// directory: a root CA, an intermediate CA it signed, and a leaf (an issuer's seal) the
/// intermediate signed, plus an unrelated second root. Real certificates, as an eIDAS or
/// PKIoverheid chain looks to badged, only shorter-lived.
public struct TestPKI: Sendable {
    /// The directory holding every file; remove it with ``remove()``.
    public let directory: URL
    /// The files, in PEM.
    public let rootFile, otherRootFile, intermediateFile, leafFile, leafKeyFile, chainFile: URL

    /// The PEM texts.
    public var rootPEM: String { get throws { try String(contentsOf: rootFile, encoding: .utf8) } }
    public var leafKeyPEM: String { get throws { try String(contentsOf: leafKeyFile, encoding: .utf8) } }
    public var leafPEM: String { get throws { try String(contentsOf: leafFile, encoding: .utf8) } }
    public var intermediatePEM: String { get throws { try String(contentsOf: intermediateFile, encoding: .utf8) } }
    /// The leaf's certificate, then the intermediate's.
    public var chainPEM: String { get throws { try String(contentsOf: chainFile, encoding: .utf8) } }

    /// Makes the certificates.
    /// - Parameter leafDays: how long the leaf is valid from now.
    public static func make(leafDays: Int = 30) async throws -> TestPKI {
        let directory = FileManager.default.temporaryDirectory.appending(path: "badged-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pki = TestPKI(
            directory: directory,
            rootFile: directory.appending(path: "root.pem"),
            otherRootFile: directory.appending(path: "other-root.pem"),
            intermediateFile: directory.appending(path: "intermediate.pem"),
            leafFile: directory.appending(path: "leaf.pem"),
            leafKeyFile: directory.appending(path: "leaf.key"),
            chainFile: directory.appending(path: "chain.pem")
        )
        try Data(extensions.utf8).write(to: directory.appending(path: "ext.cnf"))
        let path = { (name: String) in directory.appending(path: name).path }
        let steps: [[String]] = [
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("root.key"), "-out", path("root.pem"), "-days", "3650",
                "-subj", "/C=NL/O=badged test root/CN=badged Test Root CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ],
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("other-root.key"), "-out", path("other-root.pem"), "-days", "3650",
                "-subj", "/C=NL/O=unrelated/CN=Unrelated Root CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ],
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", path("intermediate.key"), "-out", path("intermediate.csr"),
                "-subj", "/C=NL/O=badged test root/CN=badged Test Qualified Seal CA",
            ],
            [
                "x509", "-req", "-in", path("intermediate.csr"), "-CA", path("root.pem"), "-CAkey", path("root.key"), "-set_serial", "2",
                "-out", path("intermediate.pem"), "-days", "1825", "-extfile", path("ext.cnf"), "-extensions", "ca",
            ],
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", path("leaf.key"), "-out", path("leaf.csr"),
                "-subj", "/C=NL/O=Universiteit Harderwijk/CN=Universiteit Harderwijk credential seal",
            ],
            [
                "x509", "-req", "-in", path("leaf.csr"), "-CA", path("intermediate.pem"), "-CAkey", path("intermediate.key"), "-set_serial", "3",
                "-out", path("leaf.pem"), "-days", "\(leafDays)", "-extfile", path("ext.cnf"), "-extensions", "leaf",
            ],
        ]
        for arguments in steps {
            let finished = try await ChildProcess.run("/usr/bin/openssl", arguments)
            guard finished.status == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "openssl \(arguments[0]) failed: \(finished.errors)"])
            }
        }
        try Data((try pki.leafPEM + pki.intermediatePEM).utf8).write(to: pki.chainFile)
        return pki
    }

    /// Removes the directory.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A fresh directory holding copies of `files` (a trust directory for `edci.trusted_ca_dir`).
    public func trustDirectory(_ files: [URL]) throws -> URL {
        let trust = directory.appending(path: "trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: trust, withIntermediateDirectories: true)
        for file in files {
            try FileManager.default.copyItem(at: file, to: trust.appending(path: file.lastPathComponent))
        }
        return trust
    }

    private static let extensions = """
        [ca]
        basicConstraints=critical,CA:TRUE,pathlen:0
        keyUsage=critical,keyCertSign,cRLSign
        subjectKeyIdentifier=hash
        authorityKeyIdentifier=keyid:always
        [leaf]
        basicConstraints=critical,CA:FALSE
        keyUsage=critical,digitalSignature,nonRepudiation
        subjectKeyIdentifier=hash
        authorityKeyIdentifier=keyid:always

        """
}
