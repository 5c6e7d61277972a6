public import Foundation

/// A plain-text mail ready for a relay: the envelope and the RFC 5322 text, with headers the
/// caller cannot break (addresses checked, the subject encoded, CR and LF refused in every
/// header value) and the body in quoted-printable UTF-8, so no line is too long and no byte is
/// outside ASCII on the wire.
public struct SMTPMessage: Sendable {
    /// The envelope sender (`MAIL FROM`).
    public let from: String
    /// The envelope recipient (`RCPT TO`).
    public let to: String
    /// The message as sent after `DATA`, with CRLF line ends, before dot-stuffing.
    public let text: String

    /// Builds a message.
    /// - Parameters:
    ///   - date: the `Date` header (from the caller's clock).
    ///   - messageID: the `Message-ID` header without brackets, such as `3f2a…@example.org`
    ///     (from the caller's randomness).
    /// - Throws: ``SMTPError`` `.invalidInput` for an unsafe address, subject or message id.
    public init(from: String, to: String, subject: String, body: String, date: Date, messageID: String) throws(SMTPError) {
        try SMTPAddress.validate(from, field: "from")
        try SMTPAddress.validate(to, field: "to")
        guard !subject.contains(where: { $0.isNewline }), subject.count <= 200 else {
            throw SMTPError(.invalidInput, "the subject must be one line of at most 200 characters", field: "subject")
        }
        guard messageID.utf8.count <= 200, messageID.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") })
        else { throw SMTPError(.invalidInput, "the message id must be printable ASCII", field: "message_id") }
        guard body.utf8.count <= 1 << 20 else { throw SMTPError(.invalidInput, "the body is longer than 1 MiB", field: "body") }
        self.from = from
        self.to = to
        let headers = [
            "From: <\(from)>",
            "To: <\(to)>",
            "Subject: " + Self.encodedHeader(subject),
            "Date: " + Self.rfc5322(date),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "Auto-Submitted: auto-generated",
        ]
        self.text = headers.joined(separator: "\r\n") + "\r\n\r\n" + QuotedPrintable.encode(body)
    }

    /// The message as the `DATA` command sends it: every line that starts with a dot gets a second
    /// one (RFC 5321 §4.5.2), ended by the lone dot.
    var dotStuffed: String {
        let lines = text.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }
        return lines.joined(separator: "\r\n") + "\r\n.\r\n"
    }

    /// A header value as is when it is printable ASCII, else as RFC 2047 encoded words of UTF-8
    /// in base64, folded so that no line is long.
    static func encodedHeader(_ value: String) -> String {
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }), !value.contains("=?") { return value }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in value {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// A date as RFC 5322 writes it, in UTC: `Mon, 07 Dec 2026 04:10:00 +0000`.
    static func rfc5322(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        let day = days[((parts.weekday ?? 1) - 1) % 7]
        let month = months[((parts.month ?? 1) - 1) % 12]
        return "\(day), \(two(parts.day)) \(month) \(parts.year ?? 1970) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }
}
