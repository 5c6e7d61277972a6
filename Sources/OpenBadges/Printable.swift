/// Text from fetched documents made safe to print: control characters removed, length bounded.
enum Printable {
    private static let hidden: Set<Unicode.GeneralCategory> = [.control, .format, .lineSeparator, .paragraphSeparator]

    static func text(_ value: String, limit: Int = 160) -> String {
        let cleaned = String(String.UnicodeScalarView(value.unicodeScalars.filter { !hidden.contains($0.properties.generalCategory) }))
        return cleaned.count > limit ? String(cleaned.prefix(limit)) + "…" : cleaned
    }
}
