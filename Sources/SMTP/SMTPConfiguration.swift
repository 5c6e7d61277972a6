public import NIOSSL

/// Where and how mail is submitted: the relay's host and port, the sender address, the
/// transport security, and optional AUTH PLAIN credentials (only over TLS).
public struct SMTPConfiguration: Sendable, CustomStringConvertible {
    /// How the connection is secured.
    public enum Security: String, Sendable, CaseIterable {
        /// Plain text (a relay on the same host or network).
        case none
        /// Plain text upgraded with STARTTLS before anything else is sent (port 587).
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case tls
    }

    /// A user name and password for AUTH PLAIN; the password never appears in descriptions.
    public struct Credentials: Sendable, CustomStringConvertible {
        public let username: String
        let password: String

        /// Creates credentials.
        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        public var description: String { "\(username):<redacted>" }
    }

    /// The relay's host name or address.
    public let host: String
    /// The relay's port.
    public let port: Int
    /// The envelope sender and `From` address.
    public let from: String
    /// How the connection is secured.
    public let security: Security
    /// The AUTH PLAIN credentials, if any.
    public let credentials: Credentials?
    /// The longest a whole submission may take, connection included.
    public let timeout: Duration
    /// The TLS settings (trust roots); the system's trust by default.
    public let tls: TLSConfiguration

    /// Creates a configuration.
    /// - Throws: ``SMTPError`` `.invalidInput` for an empty host, a port outside 1…65535, an
    ///   unsafe sender address, or credentials without TLS (they would travel in plain text).
    public init(
        host: String,
        port: Int,
        from: String,
        security: Security,
        credentials: Credentials? = nil,
        timeout: Duration = .seconds(30),
        tls: TLSConfiguration = .makeClientConfiguration()
    ) throws(SMTPError) {
        guard !host.isEmpty, host.utf8.count <= 253, !host.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw SMTPError(.invalidInput, "the relay host must be a host name or address", field: "mail.relay")
        }
        guard (1...65_535).contains(port) else { throw SMTPError(.invalidInput, "the relay port must be 1 to 65535", field: "mail.relay") }
        try SMTPAddress.validate(from, field: "mail.from")
        if let credentials {
            guard security != .none else {
                throw SMTPError(.invalidInput, "AUTH credentials are sent only over TLS: set mail.tls to starttls or tls", field: "mail.tls")
            }
            guard !credentials.username.isEmpty, credentials.username.utf8.count <= 255, credentials.password.utf8.count <= 1_024,
                !(credentials.username + credentials.password).contains(where: { $0 == "\0" || $0.isNewline })
            else { throw SMTPError(.invalidInput, "the mail user name and password must be one line each", field: "mail.username") }
        }
        self.host = host
        self.port = port
        self.from = from
        self.security = security
        self.credentials = credentials
        self.timeout = timeout
        self.tls = tls
    }

    public var description: String {
        "\(host):\(port) (\(security.rawValue))\(credentials.map { " as \($0)" } ?? "")"
    }
}
