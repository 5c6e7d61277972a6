import BadgeTesting
import Foundation
import NIOPosix
import NIOSSL
import SMTP
import Testing

/// STARTTLS and implicit TLS against the loopback SMTP server with a certificate made for the
/// test: AUTH PLAIN travels only inside TLS, and an untrusted certificate stops everything.
@Suite("SMTP over TLS")
struct SMTPTLSTests {
    /// The relay's and the client's own event loop: a full parallel test run keeps the shared
    /// loops busy with other tests' servers, and a TLS handshake waiting behind them once used up
    /// the client's whole time budget.
    static let loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// A self-signed certificate for 127.0.0.1 and localhost, with its key.
    static func certificate() async throws -> (NIOSSLCertificate, NIOSSLPrivateKey) {
        let directory = FileManager.default.temporaryDirectory.appending(path: "badged-smtp-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (key, cert) = (directory.appending(path: "relay.key").path, directory.appending(path: "relay.pem").path)
        let made = try await ChildProcess.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ]
        )
        #expect(made.status == 0)
        return (try NIOSSLCertificate(file: cert, format: .pem), try NIOSSLPrivateKey(file: key, format: .pem))
    }

    static func serverContext(_ certificate: NIOSSLCertificate, _ key: NIOSSLPrivateKey) throws -> NIOSSLContext {
        try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: [.certificate(certificate)], privateKey: .privateKey(key)))
    }

    static func configuration(
        _ server: LoopbackSMTPServer,
        _ security: SMTPConfiguration.Security,
        trusting certificate: NIOSSLCertificate?
    ) throws -> SMTPConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let certificate { tls.trustRoots = .certificates([certificate]) }
        return try SMTPConfiguration(
            host: "127.0.0.1",
            port: server.port,
            from: "badges@example.org",
            security: security,
            credentials: .init(username: "badged", password: "relay-password"),
            timeout: .seconds(20),
            tls: tls
        )
    }

    @Test func startTLSComesBeforeTheLoginAndTheMail() async throws {
        let (certificate, key) = try await Self.certificate()
        let server = try await LoopbackSMTPServer.start(tls: .startTLS(try Self.serverContext(certificate, key)), group: Self.loop)
        defer { Task { await server.stop() } }
        try await SMTPClient(configuration: try Self.configuration(server, .startTLS, trusting: certificate), group: Self.loop).send(try SMTPClientTests.message())
        let mail = try #require(try await server.waitForMails(1).first)
        #expect(mail.to == ["ada@example.org"])
        #expect(
            server.commands.map { $0.split(separator: " ").first.map(String.init) ?? "" } == [
                "EHLO", "STARTTLS", "EHLO", "AUTH", "MAIL", "RCPT", "DATA", "QUIT",
            ]
        )
        #expect(server.logins.map(\.user) == ["badged"])
        #expect(server.logins.map(\.password) == ["relay-password"])
        #expect(server.logins.map(\.overTLS) == [true])
    }

    @Test func implicitTLSCarriesTheWholeConversation() async throws {
        let (certificate, key) = try await Self.certificate()
        let server = try await LoopbackSMTPServer.start(tls: .implicit(try Self.serverContext(certificate, key)), group: Self.loop)
        defer { Task { await server.stop() } }
        try await SMTPClient(configuration: try Self.configuration(server, .tls, trusting: certificate), group: Self.loop).send(try SMTPClientTests.message())
        #expect(try await server.waitForMails(1).count == 1)
        #expect(server.logins.map(\.overTLS) == [true])
    }

    @Test func anUntrustedCertificateStopsBeforeTheLogin() async throws {
        let (certificate, key) = try await Self.certificate()
        let server = try await LoopbackSMTPServer.start(tls: .startTLS(try Self.serverContext(certificate, key)), group: Self.loop)
        defer { Task { await server.stop() } }
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: try Self.configuration(server, .startTLS, trusting: nil)).send(try SMTPClientTests.message())
        }
        #expect(error?.isTransient == true)
        #expect(server.logins.isEmpty)
        #expect(!server.commands.contains { $0.hasPrefix("AUTH") || $0.hasPrefix("MAIL") })
        #expect(server.mails.isEmpty)
    }
}
