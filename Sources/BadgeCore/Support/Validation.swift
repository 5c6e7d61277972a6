import Foundation

/// Small reusable checks for domain validation. Each throws a field-naming ``BadgeCoreError``.
package enum Validation {
    /// Requires a non-blank string of at most `maxLength` characters.
    package static func requireText(_ value: String, field: String, maxLength: Int) throws(BadgeCoreError) {
        if value.allSatisfy(\.isWhitespace) { throw .invalid(field, "\(field) must not be empty") }
        if value.count > maxLength { throw .invalid(field, "\(field) is longer than \(maxLength) characters") }
    }

    /// Requires an absolute http or https URL.
    package static func requireWebURL(_ value: String, field: String) throws(BadgeCoreError) {
        guard value.count <= 2048, let url = URL(string: value), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = url.host, !host.isEmpty
        else { throw .invalid(field, "\(field) must be an absolute http(s) URL") }
    }

    /// Requires a plausible e-mail address (one `@`, a dot in the domain, no spaces).
    package static func requireEmail(_ value: String, field: String) throws(BadgeCoreError) {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard value.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !value.contains(where: \.isWhitespace)
        else { throw .invalid(field, "\(field) must be an e-mail address") }
    }

    /// Requires an ISO 3166-1 alpha-2 country code in upper case, such as `NL`.
    package static func requireCountryCode(_ value: String, field: String) throws(BadgeCoreError) {
        guard value.count == 2, value.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw .invalid(field, "\(field) must be an ISO 3166-1 alpha-2 code such as NL")
        }
    }
}
