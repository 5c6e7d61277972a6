/// One reply of an SMTP server (RFC 5321 §4.2): a three-digit code and the text of each of its
/// lines (a multi-line reply has several, all with the same code).
public struct SMTPReply: Hashable, Sendable {
    /// The reply code, such as 250.
    public let code: Int
    /// The text after the code on each line.
    public let lines: [String]

    /// Creates a reply.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx or 3xx: the command was taken.
    public var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: refused for now.
    public var isTransient: Bool { (400..<500).contains(code) }

    /// The EHLO keywords the reply announces (upper-cased), with their parameters: the lines
    /// after the first (the greeting line names the server).
    public var extensions: [String: [String]] {
        var found: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            guard let keyword = words.first else { continue }
            found[keyword.uppercased()] = words.dropFirst().map { $0.uppercased() }
        }
        return found
    }

    /// The reply as an error of a command: 4xx deferred, anything else not expected rejected.
    /// The relay's text is left out: it may quote the address, which must not reach a log.
    func error(after command: String) -> SMTPError {
        SMTPError(isTransient ? .deferred : .rejected, "the mail relay answered \(code) to \(command)")
    }
}
