/// Checks of a mailbox address before it goes into a command or a header: ASCII only (no
/// SMTPUTF8), at most 254 characters, `local@domain`, and nothing that could end a command or a
/// header or open another (no CR, LF or other control characters, spaces, angle brackets,
/// quotes, commas or semicolons).
public enum SMTPAddress {
    /// The longest address (RFC 5321 §4.5.3.1.3 path limit, without the brackets).
    public static let maximumLength = 254

    /// Throws ``SMTPError`` `.invalidInput` unless `address` is safe to send to or from.
    /// - Parameter field: what the address is, for the message.
    public static func validate(_ address: String, field: String) throws(SMTPError) {
        guard !address.isEmpty, address.utf8.count <= maximumLength else {
            throw SMTPError(.invalidInput, "\(field) must be 1 to \(maximumLength) characters", field: field)
        }
        guard !address.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw SMTPError(.invalidInput, "\(field) must not contain a line break", field: field)
        }
        let forbidden: Set<UInt8> = Set("<>()[]\\,;:\" ".utf8)
        guard address.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && !forbidden.contains($0) }) else {
            throw SMTPError(.invalidInput, "\(field) must be a plain ASCII address without spaces or special characters", field: field)
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...64).contains(parts[0].utf8.count), parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !parts[1].contains("..")
        else {
            throw SMTPError(.invalidInput, "\(field) must look like name@example.org", field: field)
        }
    }

    /// The domain of a checked address.
    static func domain(of address: String) -> Substring {
        address.split(separator: "@").last ?? "localhost"
    }
}
