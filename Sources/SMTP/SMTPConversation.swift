import NIOCore

/// The command-and-reply half of a connection: writes a command line and reads its reply.
struct SMTPConversation {
    var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    /// Sends a command and reads its reply.
    /// - Parameters:
    ///   - expected: the positive reply code, and `also` another taken.
    ///   - shownAs: how the command is named in errors (never with its arguments: addresses and
    ///     credentials stay out of messages).
    /// - Throws: ``SMTPError`` from the reply when it is not the one expected.
    mutating func command(_ line: String, expecting expected: Int, also other: Int? = nil, shownAs: String? = nil) async throws -> SMTPReply {
        try await write(line + "\r\n")
        let reply = try await read(after: shownAs ?? line)
        guard reply.code == expected || reply.code == other else { throw reply.error(after: shownAs ?? line) }
        return reply
    }

    /// Reads a reply that must have `code`.
    mutating func expect(_ code: Int, after what: String) async throws {
        let reply = try await read(after: what)
        guard reply.code == code else { throw reply.error(after: what) }
    }

    /// Writes text as is.
    func write(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    private mutating func read(after what: String) async throws -> SMTPReply {
        guard let reply = try await replies.next() else {
            throw SMTPError(.connectionFailed, "the mail relay closed the connection before answering \(what)")
        }
        return reply
    }
}

