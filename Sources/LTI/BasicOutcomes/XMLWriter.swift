/// Writes indented XML text, escaping every text and attribute value.
///
/// Characters XML 1.0 does not allow (most C0 controls, U+FFFE, U+FFFF) become U+FFFD, so that
/// hostile text can neither break the markup nor make the document unreadable.
struct XMLWriter {
    private(set) var output = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
    private var open: [String] = []

    /// Opens `<name attributes…>`.
    mutating func start(_ name: String, attributes: [(name: String, value: String)] = []) {
        line("<\(name)\(Self.render(attributes))>")
        open.append(name)
    }

    /// Closes the innermost open element.
    mutating func end() {
        guard let name = open.popLast() else { return }
        line("</\(name)>")
    }

    /// Writes `<name>text</name>`.
    mutating func element(_ name: String, text: String) {
        line("<\(name)>\(Self.escape(text))</\(name)>")
    }

    /// Writes `<name/>`.
    mutating func empty(_ name: String) {
        line("<\(name)/>")
    }

    /// Escapes text for element content and double- or single-quoted attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\r": escaped += "&#xD;"
            case _ where isAllowed(scalar): escaped.unicodeScalars.append(scalar)
            default: escaped.unicodeScalars.append("\u{FFFD}")
            }
        }
        return escaped
    }

    /// The XML 1.0 `Char` production.
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func render(_ attributes: [(name: String, value: String)]) -> String {
        attributes.map { " \($0.name)=\"\(escape($0.value))\"" }.joined()
    }

    private mutating func line(_ text: String) {
        output += String(repeating: "  ", count: open.count) + text + "\n"
    }
}
