import BadgeTesting
import Foundation
import SMTP
import Testing

/// The SMTP client against a real SMTP server on loopback (``LoopbackSMTPServer``).
@Suite("SMTP submission")
struct SMTPClientTests {
    static let date = Date(timeIntervalSince1970: 1_796_616_000)

    static func message(to: String = "ada@example.org", subject: String = "Your badge", body: String = "Hello") throws -> SMTPMessage {
        try SMTPMessage(from: "badges@example.org", to: to, subject: subject, body: body, date: date, messageID: "4f2a9c@example.org")
    }

    static func client(_ server: LoopbackSMTPServer, security: SMTPConfiguration.Security = .none) throws -> SMTPClient {
        SMTPClient(configuration: try SMTPConfiguration(host: "127.0.0.1", port: server.port, from: "badges@example.org", security: security))
    }

    @Test func aMessageGoesThroughMultiLineRepliesWithItsEnvelopeAndHeaders() async throws {
        let server = try await LoopbackSMTPServer.start()
        defer { Task { await server.stop() } }
        try await Self.client(server).send(try Self.message())
        let mail = try #require(try await server.waitForMails(1).first)
        #expect(server.commands == ["EHLO example.org", "MAIL FROM:<badges@example.org>", "RCPT TO:<ada@example.org>", "DATA", "QUIT"])
        #expect(mail.from == "badges@example.org")
        #expect(mail.to == ["ada@example.org"])
        #expect(mail.header("From") == "<badges@example.org>")
        #expect(mail.header("To") == "<ada@example.org>")
        #expect(mail.header("Subject") == "Your badge")
        #expect(mail.header("Date") == "Mon, 07 Dec 2026 04:00:00 +0000")
        #expect(mail.header("Message-ID") == "<4f2a9c@example.org>")
        #expect(mail.header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(mail.decodedBody == "Hello")
    }

    @Test func linesStartingWithADotAreStuffedOnTheWireAndArriveIntact() async throws {
        let server = try await LoopbackSMTPServer.start()
        defer { Task { await server.stop() } }
        let body = "first\n.hidden line\n.\n..two dots\nlast"
        try await Self.client(server).send(try Self.message(body: body))
        let mail = try #require(try await server.waitForMails(1).first)
        #expect(mail.wireLines.contains("..hidden line"))
        #expect(mail.wireLines.contains(".."))
        #expect(mail.wireLines.contains("...two dots"))
        #expect(mail.decodedBody == body.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func longAndNonASCIITextIsEncodedSoNoLineIsLongAndNothingLeavesASCII() async throws {
        let server = try await LoopbackSMTPServer.start()
        defer { Task { await server.stop() } }
        let subject = "Bevestig je e-mailadres — één keer"
        let body = "De link werkt één keer: " + String(repeating: "https://badges.example.org/claim/confirm/", count: 5)
        try await Self.client(server).send(try Self.message(subject: subject, body: body))
        let mail = try #require(try await server.waitForMails(1).first)
        #expect(mail.wireLines.allSatisfy { $0.utf8.count <= 78 && $0.utf8.allSatisfy { $0 < 0x80 } })
        let encoded = try #require(mail.header("Subject"))
        #expect(encoded.hasPrefix("=?UTF-8?B?"))
        let decoded = encoded.components(separatedBy: "?==?UTF-8?B?").joined(separator: "|")
            .replacingOccurrences(of: "=?UTF-8?B?", with: "").replacingOccurrences(of: "?=", with: "")
            .split(separator: "|").compactMap { Data(base64Encoded: String($0)) }.reduce(Data(), +)
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
        #expect(mail.decodedBody == body)
    }

    @Test(arguments: [
        "ada@example.org\r\nRCPT TO:<eve@example.org>", "ada@example.org\n", "ada@exam\rple.org", "Ada <ada@example.org>", "ada@", "@example.org",
        "ada@example", "ädä@example.org", String(repeating: "a", count: 250) + "@example.org",
    ])
    func unsafeAddressesAreRefusedBeforeAnythingIsSent(address: String) async throws {
        #expect(throws: SMTPError.self) { try Self.message(to: address) }
        #expect(throws: SMTPError.self) {
            try SMTPMessage(from: address, to: "ada@example.org", subject: "s", body: "b", date: Self.date, messageID: "x@example.org")
        }
    }

    @Test func headersCannotBeInjectedThroughTheSubjectOrMessageID() throws {
        #expect(throws: SMTPError.self) { try Self.message(subject: "Hi\r\nBcc: eve@example.org") }
        #expect(throws: SMTPError.self) { try Self.message(subject: "Hi\nBcc: eve@example.org") }
        #expect(throws: SMTPError.self) {
            try SMTPMessage(from: "a@example.org", to: "b@example.org", subject: "s", body: "b", date: Self.date, messageID: "x>\r\nBcc: e@x.org")
        }
        // Text that only looks like an encoded word is encoded itself.
        #expect(try Self.message(subject: "=?UTF-8?B?QmNj?=").text.contains("Subject: =?UTF-8?B?PT9VVEYtOD9CP1FtTmo/PQ==?="))
    }

    @Test func aDeferringRelayFailsTransientlyAndTakesTheMessageTheNextTime() async throws {
        let server = try await LoopbackSMTPServer.start(deferring: 1)
        defer { Task { await server.stop() } }
        let client = try Self.client(server)
        let error = await #expect(throws: SMTPError.self) { try await client.send(try Self.message()) }
        #expect(error?.code == .deferred)
        #expect(error?.isTransient == true)
        #expect(error?.message.contains("ada@example.org") == false)
        #expect(server.mails.isEmpty)
        try await client.send(try Self.message())
        #expect(try await server.waitForMails(1).count == 1)
        #expect(server.connections == 2)
    }

    @Test func aReplyLineBeyondTheBoundEndsTheConversation() async throws {
        let server = try await LoopbackSMTPServer.start(greeting: ["welcome", String(repeating: "x", count: 3_000)])
        defer { Task { await server.stop() } }
        let error = await #expect(throws: SMTPError.self) { try await Self.client(server).send(try Self.message()) }
        #expect(error?.code == .protocolViolation)
        #expect(server.commands.isEmpty)
    }

    @Test func aRelayWithoutSTARTTLSIsNotUsedWhenTLSIsAskedFor() async throws {
        let server = try await LoopbackSMTPServer.start()
        defer { Task { await server.stop() } }
        let error = await #expect(throws: SMTPError.self) { try await Self.client(server, security: .startTLS).send(try Self.message()) }
        #expect(error?.code == .protocolViolation)
        #expect(server.commands == ["EHLO example.org"])
        #expect(server.mails.isEmpty)
    }

    @Test func aRelayThatNeverAnswersIsCutOffAtTheTimeout() async throws {
        let server = try await LoopbackSMTPServer.start(greeting: [])
        defer { Task { await server.stop() } }
        let configuration = try SMTPConfiguration(
            host: "127.0.0.1",
            port: server.port,
            from: "badges@example.org",
            security: .none,
            timeout: .seconds(1)
        )
        let error = await #expect(throws: SMTPError.self) { try await SMTPClient(configuration: configuration).send(try Self.message()) }
        #expect(error?.code == .timeout)
        #expect(error?.isTransient == true)
        #expect(server.connections == 1)
    }

    @Test func anUnreachableRelayIsATransientConnectionFailure() async throws {
        let server = try await LoopbackSMTPServer.start()
        let port = server.port
        await server.stop()
        let configuration = try SMTPConfiguration(host: "127.0.0.1", port: port, from: "badges@example.org", security: .none, timeout: .seconds(10))
        let error = await #expect(throws: SMTPError.self) { try await SMTPClient(configuration: configuration).send(try Self.message()) }
        #expect(error?.code == .connectionFailed)
        #expect(error?.isTransient == true)
    }

    @Test func credentialsAreRefusedWithoutTLSAndNeverDescribed() throws {
        let credentials = SMTPConfiguration.Credentials(username: "badged", password: "s3cret-relay-password")
        let error = #expect(throws: SMTPError.self) {
            try SMTPConfiguration(host: "smtp.example.org", port: 587, from: "badges@example.org", security: .none, credentials: credentials)
        }
        #expect(error?.field == "mail.tls")
        let configuration = try SMTPConfiguration(
            host: "smtp.example.org",
            port: 587,
            from: "badges@example.org",
            security: .startTLS,
            credentials: credentials
        )
        #expect(!"\(configuration)".contains("s3cret"))
        #expect(throws: SMTPError.self) { try SMTPConfiguration(host: "smtp.example.org", port: 0, from: "badges@example.org", security: .tls) }
        #expect(throws: SMTPError.self) { try SMTPConfiguration(host: "smtp.example.org", port: 25, from: "badges\r\n@example.org", security: .none) }
    }
}
