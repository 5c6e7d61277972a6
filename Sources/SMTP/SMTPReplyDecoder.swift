import NIOCore

/// Reads SMTP replies off the wire, multi-line ones whole (`250-…` lines up to the `250 …`
/// line). Bounded: a line is at most ``maximumLineLength`` bytes and a reply at most
/// ``maximumLines`` lines; anything longer, a line without a code or a continuation with another
/// code is a protocol violation that ends the connection.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    /// The longest reply line taken, CRLF included (RFC 5321 allows 512; relays exceed it with
    /// long texts).
    static let maximumLineLength = 2_048
    /// The most lines of one reply.
    static let maximumLines = 100

    private var code: Int?
    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength { throw SMTPError(.protocolViolation, "a reply line of the mail relay is too long") }
            return .needMoreData
        }
        let length = end - buffer.readerIndex + 1
        guard length <= Self.maximumLineLength, var line = buffer.readBytes(length: length) else {
            throw SMTPError(.protocolViolation, "a reply line of the mail relay is too long")
        }
        line.removeLast()
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        guard line.count >= 3, line.prefix(3).allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let lineCode = Int(String(decoding: line.prefix(3), as: UTF8.self)), (200...599).contains(lineCode)
        else { throw SMTPError(.protocolViolation, "the mail relay sent a line without a reply code") }
        let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPError(.protocolViolation, "the mail relay sent a malformed reply line")
        }
        if let code, code != lineCode { throw SMTPError(.protocolViolation, "a multi-line reply of the mail relay changed its code") }
        code = lineCode
        lines.append(String(decoding: line.dropFirst(4), as: UTF8.self))
        guard lines.count <= Self.maximumLines else { throw SMTPError(.protocolViolation, "a reply of the mail relay has too many lines") }
        if separator == UInt8(ascii: "-") { return .continue }
        context.fireChannelRead(wrapInboundOut(SMTPReply(code: lineCode, lines: lines)))
        (self.code, lines) = (nil, [])
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue, buffer.readableBytes > 0 {}
        return .needMoreData
    }
}
