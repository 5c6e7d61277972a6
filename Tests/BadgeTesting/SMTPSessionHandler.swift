import Foundation
import NIOCore
import NIOSSL

/// One SMTP session of the ``LoopbackSMTPServer``: reads lines and answers them.
final class SMTPSessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let recorder: Recorder
    let greeting: [String]
    let tls: LoopbackSMTPServer.TLSMode
    private var secured: Bool
    private var buffer = ByteBuffer()
    private var from: String?
    private var to: [String] = []
    private var data: [String]?

    init(recorder: Recorder, greeting: [String], tls: LoopbackSMTPServer.TLSMode) {
        self.recorder = recorder
        self.greeting = greeting
        self.tls = tls
        if case .implicit = tls { secured = true } else { secured = false }
    }

    func channelActive(context: ChannelHandlerContext) {
        recorder.update { $0.connections += 1 }
        reply(context, 220, greeting)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        while let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            guard var line = buffer.readString(length: end - buffer.readerIndex + 1) else { return }
            line.removeLast()
            if line.hasSuffix("\r") { line.removeLast() }
            handle(line, context: context)
        }
    }

    private func handle(_ line: String, context: ChannelHandlerContext) {
        if var lines = data {
            if line == "." {
                let mail = LoopbackSMTPServer.Mail(
                    from: from ?? "",
                    to: to,
                    wireLines: lines,
                    text: lines.map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }.joined(separator: "\r\n")
                )
                recorder.update { $0.mails.append(mail) }
                (self.data, from, to) = (nil, nil, [])
                reply(context, 250, ["2.0.0 queued"])
            } else {
                lines.append(line)
                self.data = lines
            }
            return
        }
        recorder.update { $0.commands.append(line) }
        let verb = line.prefix(while: { $0 != " " && $0 != ":" }).uppercased()
        switch verb {
        case "EHLO":
            var lines = ["loopback greets you", "PIPELINING", "SIZE 1000000", "8BITMIME"]
            if case .startTLS = tls, !secured { lines.append("STARTTLS") }
            if secured { lines.append("AUTH LOGIN PLAIN") }
            reply(context, 250, lines)
        case "STARTTLS":
            guard case .startTLS(let sslContext) = tls, !secured else { return reply(context, 502, ["5.5.1 not offered"]) }
            reply(context, 220, ["2.0.0 ready to start TLS"])
            // The reply went out in plain text; everything after it is TLS.
            try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext), position: .first)
            secured = true
        case "AUTH":
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[1].uppercased() == "PLAIN", let decoded = Data(base64Encoded: String(parts[2])) else {
                return reply(context, 501, ["5.5.2 AUTH PLAIN with an initial response only"])
            }
            let fields = decoded.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard fields.count == 3 else { return reply(context, 501, ["5.5.2 malformed"]) }
            let overTLS = secured
            recorder.update { $0.logins.append((fields[1], fields[2], overTLS)) }
            reply(context, 235, ["2.7.0 authenticated"])
        case "HELO", "RSET", "NOOP":
            reply(context, 250, ["OK"])
        case "MAIL":
            if recorder.takeDeferral() {
                reply(context, 451, ["4.3.0 try again later"])
            } else {
                from = Self.address(in: line)
                reply(context, 250, ["2.1.0 OK"])
            }
        case "RCPT":
            guard from != nil else { return reply(context, 503, ["5.5.1 MAIL first"]) }
            to.append(Self.address(in: line))
            reply(context, 250, ["2.1.5 OK"])
        case "DATA":
            guard !to.isEmpty else { return reply(context, 503, ["5.5.1 RCPT first"]) }
            data = []
            reply(context, 354, ["end with <CRLF>.<CRLF>"])
        case "QUIT":
            reply(context, 221, ["2.0.0 bye"])
            context.close(promise: nil)
        default:
            reply(context, 502, ["5.5.2 not implemented"])
        }
    }

    private func reply(_ context: ChannelHandlerContext, _ code: Int, _ lines: [String]) {
        let text = lines.enumerated().map { index, line in "\(code)\(index == lines.count - 1 ? " " : "-")\(line)\r\n" }.joined()
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
    }

    private static func address(in line: String) -> String {
        guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">"), open < close else { return "" }
        return String(line[line.index(after: open)..<close])
    }
}
