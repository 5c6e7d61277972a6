import Configuration
import Foundation
import SMTP

extension AppConfiguration {
    /// Reads the mail relay, which turns on claims by e-mail address.
    ///
    /// Keys: `mail.relay` (`host:port`, `[v6]:port`; no relay and no e-mail claims when unset),
    /// `mail.from` (the sender address), `mail.tls` (`none`, `starttls` — the default — or `tls`),
    /// `mail.username` and `mail.password` (secret; AUTH PLAIN, only with `starttls` or `tls`),
    /// `mail.timeout` (seconds a submission may take, 5 to 300, default 30).
    /// - Throws: ``BadgeServerError`` `.configuration` naming the key of an invalid value.
    static func mailRelay(reader: ConfigReader) throws(BadgeServerError) -> SMTPConfiguration? {
        guard let relay = reader.string(forKey: "mail.relay"), !relay.isEmpty else { return nil }
        guard let separator = relay.lastIndex(of: ":"), let port = Int(relay[relay.index(after: separator)...]) else {
            throw .configuration("mail.relay", "must be host:port, such as smtp.example.org:587")
        }
        var host = String(relay[..<separator])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let from = reader.string(forKey: "mail.from"), !from.isEmpty else {
            throw .configuration("mail.from", "must be the sender address of badged's mail, such as badges@example.org")
        }
        guard let security = SMTPConfiguration.Security(rawValue: reader.string(forKey: "mail.tls", default: "starttls")) else {
            throw .configuration("mail.tls", "must be none, starttls or tls")
        }
        let username = reader.string(forKey: "mail.username")
        let password = reader.string(forKey: "mail.password", isSecret: true)
        if (username == nil) != (password == nil) { throw .configuration("mail.password", "mail.username and mail.password go together") }
        let timeout = reader.int(forKey: "mail.timeout", default: 30)
        guard (5...300).contains(timeout) else { throw .configuration("mail.timeout", "must be 5 to 300 seconds") }
        do {
            return try SMTPConfiguration(
                host: host,
                port: port,
                from: from,
                security: security,
                credentials: username.map { SMTPConfiguration.Credentials(username: $0, password: password ?? "") },
                timeout: .seconds(timeout)
            )
        } catch {
            throw BadgeServerError(.configuration, error.message, field: error.field)
        }
    }
}
