public import Foundation
public import NIOCore
public import NIOPosix
public import NIOSSL
import Synchronization

/// A tiny SMTP server on 127.0.0.1 for tests: it speaks enough RFC 5321 for a submission
/// (a multi-line greeting and EHLO reply, MAIL, RCPT, DATA with dot-stuffing, QUIT), records
/// each conversation and each mail, and can defer the first MAIL commands with a 451.
public final class LoopbackSMTPServer: Sendable {
    /// A mail as received.
    public struct Mail: Sendable {
        /// The envelope sender.
        public let from: String
        /// The envelope recipients.
        public let to: [String]
        /// The lines of the DATA section as they came over the wire (dot-stuffed).
        public let wireLines: [String]
        /// The message with dot-stuffing undone, lines joined by CRLF.
        public let text: String

        /// The body with quoted-printable decoded (soft line breaks joined, `=XX` decoded).
        public var decodedBody: String {
            let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
            var bytes: [UInt8] = []
            var scalars = Array(body.replacingOccurrences(of: "=\r\n", with: "").utf8)[...]
            while let byte = scalars.popFirst() {
                if byte == UInt8(ascii: "="), scalars.count >= 2, let value = UInt8(String(decoding: scalars.prefix(2), as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    scalars = scalars.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// The value of a header (the first of that name), unfolded.
        public func header(_ name: String) -> String? {
            let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
            var found: String?
            for line in head.components(separatedBy: "\r\n") {
                if line.hasPrefix(" ") || line.hasPrefix("\t") {
                    if found != nil { found! += line.dropFirst() }
                } else if found != nil {
                    break
                } else if line.lowercased().hasPrefix(name.lowercased() + ":") {
                    found = String(line.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces)
                }
            }
            return found
        }
    }

    /// How the server offers TLS.
    public enum TLSMode: Sendable {
        /// Not at all.
        case none
        /// STARTTLS, with AUTH PLAIN offered once TLS is on.
        case startTLS(NIOSSLContext)
        /// TLS from the first byte, with AUTH PLAIN.
        case implicit(NIOSSLContext)
    }

    struct State {
        var mails: [Mail] = []
        var commands: [String] = []
        var logins: [(user: String, password: String, overTLS: Bool)] = []
        var deferrals: Int
        var connections = 0
    }

    let state: Mutex<State>
    let channel: any Channel
    /// The port it listens on.
    public let port: Int

    private init(channel: any Channel, port: Int, deferrals: Int) {
        self.channel = channel
        self.port = port
        self.state = Mutex(State(deferrals: deferrals))
    }

    /// Starts a server on a free loopback port.
    /// - Parameters:
    ///   - deferring: how many MAIL commands to answer `451` before taking mail.
    ///   - greeting: the greeting's lines (all with code 220).
    ///   - tls: whether and how TLS is offered.
    ///   - group: the event loops the relay runs on.
    public static func start(
        deferring: Int = 0,
        greeting: [String] = ["loopback ESMTP test relay", "no real mail leaves here"],
        tls: TLSMode = .none,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> LoopbackSMTPServer {
        let recorder = Recorder(deferrals: deferring)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if case .implicit(let context) = tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPSessionHandler(recorder: recorder, greeting: greeting, tls: tls))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw TestSetupError("the SMTP test server has no port") }
        let server = LoopbackSMTPServer(channel: channel, port: port, deferrals: deferring)
        recorder.server.withLock { $0 = server }
        return server
    }

    /// `127.0.0.1:<port>`, as `mail.relay` takes it.
    public var relay: String { "127.0.0.1:\(port)" }

    /// The mails received so far.
    public var mails: [Mail] { state.withLock { $0.mails } }
    /// Every command line received (not the DATA section), in order, over all connections.
    public var commands: [String] { state.withLock { $0.commands } }
    /// The AUTH PLAIN logins received, and whether TLS was on for each.
    public var logins: [(user: String, password: String, overTLS: Bool)] { state.withLock { $0.logins } }
    /// How many connections were opened.
    public var connections: Int { state.withLock { $0.connections } }

    /// Waits until `count` mails arrived, or throws after `timeout`.
    public func waitForMails(_ count: Int, timeout: Duration = .seconds(90)) async throws -> [Mail] {
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            let mails = self.mails
            if mails.count >= count { return mails }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError("\(count) mail(s) expected at the loopback relay; \(mails.count) arrived")
    }

    /// Stops listening.
    public func stop() async {
        try? await channel.close()
    }
}

/// Routes the sessions' records to the server once it exists.
final class Recorder: Sendable {
    let server = Mutex<LoopbackSMTPServer?>(nil)

    init(deferrals: Int) {}

    func update(_ change: (inout LoopbackSMTPServer.State) -> Void) {
        server.withLock { server in _ = server?.state.withLock { change(&$0) } }
    }

    /// Takes one deferral if any are left.
    func takeDeferral() -> Bool {
        var deferred = false
        update { state in
            if state.deferrals > 0 {
                state.deferrals -= 1
                deferred = true
            }
        }
        return deferred
    }
}
