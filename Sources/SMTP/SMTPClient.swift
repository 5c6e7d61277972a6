import Foundation
public import NIOCore
public import NIOPosix
import NIOSSL

/// Submits mail to one relay over SMTP (RFC 5321), one connection per message: greeting, EHLO,
/// STARTTLS when configured (then EHLO again), AUTH PLAIN when configured, MAIL, RCPT, DATA
/// (dot-stuffed) and QUIT. Every reply is bounded (see ``SMTPReplyDecoder``) and the whole
/// submission must end within the configured timeout, after which the connection is closed.
public struct SMTPClient: Sendable {
    /// Where and how mail goes.
    public let configuration: SMTPConfiguration
    let group: any EventLoopGroup

    /// Creates a client.
    public init(configuration: SMTPConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.group = group
    }

    /// Submits a message.
    /// - Throws: ``SMTPError``: `.deferred` (4xx), `.rejected` (5xx), `.connectionFailed`,
    ///   `.timeout`, `.protocolViolation` (malformed replies, or no STARTTLS or AUTH PLAIN when
    ///   they are configured). Only `.rejected` is final; the others may pass on a retry.
    public func send(_ message: SMTPMessage) async throws(SMTPError) {
        let deadline = NIODeadline.now() + .nanoseconds(Int64(configuration.timeout.components.seconds) * 1_000_000_000)
        let channel: NIOAsyncChannel<SMTPReply, ByteBuffer>
        do {
            channel = try await connect(deadline: deadline)
        } catch {
            throw SMTPError(.connectionFailed, "the mail relay \(configuration.host):\(configuration.port) could not be reached", cause: error)
        }
        // Ends a relay that stalls: closing the channel ends the conversation's reads.
        let stop = channel.channel.eventLoop.scheduleTask(deadline: deadline) { channel.channel.close(promise: nil) }
        defer { stop.cancel() }
        do {
            try await channel.executeThenClose { inbound, outbound in
                var conversation = SMTPConversation(replies: inbound.makeAsyncIterator(), outbound: outbound)
                try await converse(&conversation, message: message, channel: channel.channel)
            }
        } catch let error as SMTPError {
            throw NIODeadline.now() >= deadline ? SMTPError(.timeout, "the mail relay did not finish in time", cause: error) : error
        } catch {
            if NIODeadline.now() >= deadline { throw SMTPError(.timeout, "the mail relay did not finish in time", cause: error) }
            throw SMTPError(.connectionFailed, "the connection to the mail relay broke", cause: error)
        }
    }

    private func connect(deadline: NIODeadline) async throws -> NIOAsyncChannel<SMTPReply, ByteBuffer> {
        let (host, security, tls) = (configuration.host, configuration.security, configuration.tls)
        let timeout = deadline - NIODeadline.now()
        return try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .connect(host: host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if security == .tls {
                        let handler = try NIOSSLClientHandler(context: NIOSSLContext(configuration: tls), serverHostname: Self.serverName(host))
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }

    private func converse(_ conversation: inout SMTPConversation, message: SMTPMessage, channel: any Channel) async throws {
        try await conversation.expect(220, after: "the greeting")
        let name = String(SMTPAddress.domain(of: configuration.from))
        var hello = try await conversation.command("EHLO \(name)", expecting: 250)
        if configuration.security == .startTLS {
            guard hello.extensions["STARTTLS"] != nil else {
                throw SMTPError(.protocolViolation, "the mail relay does not offer STARTTLS, which mail.tls asks for")
            }
            _ = try await conversation.command("STARTTLS", expecting: 220)
            let (tls, serverName) = (configuration.tls, Self.serverName(configuration.host))
            // TLS goes in front of the reply decoder; the relay sends nothing until the handshake.
            try await channel.eventLoop.submit {
                let handler = try NIOSSLClientHandler(context: NIOSSLContext(configuration: tls), serverHostname: serverName)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            }.get()
            hello = try await conversation.command("EHLO \(name)", expecting: 250)
        }
        if let credentials = configuration.credentials {
            guard hello.extensions["AUTH"]?.contains("PLAIN") == true else {
                throw SMTPError(.protocolViolation, "the mail relay does not offer AUTH PLAIN")
            }
            let plain = Data("\0\(credentials.username)\0\(credentials.password)".utf8)
            _ = try await conversation.command("AUTH PLAIN " + plain.base64EncodedString(), expecting: 235, shownAs: "AUTH PLAIN")
        }
        _ = try await conversation.command("MAIL FROM:<\(message.from)>", expecting: 250, shownAs: "MAIL FROM")
        _ = try await conversation.command("RCPT TO:<\(message.to)>", expecting: 250, also: 251, shownAs: "RCPT TO")
        _ = try await conversation.command("DATA", expecting: 354)
        try await conversation.write(message.dotStuffed)
        try await conversation.expect(250, after: "the message")
        // The message is taken; a relay that hangs up instead of answering QUIT changes nothing.
        _ = try? await conversation.command("QUIT", expecting: 221)
    }

    /// The name for SNI and certificate checks: none for an IP address.
    static func serverName(_ host: String) -> String? {
        host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : host
    }
}
