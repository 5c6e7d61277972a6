/// Text in the two languages edubadges supports, English and Dutch.
///
/// At least one language must be present wherever a ``LocalizedText`` is required.
public struct LocalizedText: Codable, Hashable, Sendable {
    /// The English text.
    public var en: String?
    /// The Dutch text.
    public var nl: String?

    /// Creates text in one or both languages.
    public init(en: String? = nil, nl: String? = nil) {
        self.en = en
        self.nl = nl
    }

    /// Whether neither language has non-blank text.
    public var isEmpty: Bool {
        [en, nl].allSatisfy { ($0 ?? "").allSatisfy(\.isWhitespace) }
    }

    /// The text in the preferred language, falling back to the other one.
    /// - Parameter language: an edubadges language code such as `nl_NL` or `en_EN`, or a bare `nl`/`en`.
    public func preferred(_ language: String) -> String {
        let dutchFirst = language.lowercased().hasPrefix("nl")
        let ordered = dutchFirst ? [nl, en] : [en, nl]
        return ordered.compactMap { $0 }.first { !$0.isEmpty } ?? ""
    }

    /// Throws unless some language has text, and no language exceeds `maxLength` characters.
    public func validate(field: String, required: Bool = true, maxLength: Int) throws(BadgeCoreError) {
        if required && isEmpty {
            throw .invalid(field, "\(field) needs text in English (en) or Dutch (nl)")
        }
        for (language, text) in [("en", en), ("nl", nl)] where (text?.count ?? 0) > maxLength {
            throw .invalid("\(field).\(language)", "\(field).\(language) is longer than \(maxLength) characters")
        }
    }
}
