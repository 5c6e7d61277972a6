import Foundation
import Hummingbird

/// The languages of badged's public pages, and how a request picks one: `?lang=` (the visible
/// switch) first, then the best `Accept-Language` entry badged speaks, then English.
enum PageLanguage: String, CaseIterable, Sendable {
    case en
    case nl

    /// The language a request asks for.
    /// - Parameters:
    ///   - query: the `lang` query parameter.
    ///   - acceptLanguage: the `Accept-Language` header.
    static func of(query: String?, acceptLanguage: String?) -> PageLanguage {
        if let query, let chosen = PageLanguage(rawValue: query.lowercased()) { return chosen }
        var best: (language: PageLanguage, quality: Double)?
        for entry in (acceptLanguage ?? "").split(separator: ",") {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), let primary = tag.split(separator: "-").first,
                let language = PageLanguage(rawValue: String(primary))
            else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0, quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language ?? .en
    }

    /// The language of a request: its `lang` query parameter, else its `Accept-Language`.
    static func of(_ request: Request) -> PageLanguage {
        of(query: request.uri.queryParameters.get("lang"), acceptLanguage: request.headers[.acceptLanguage])
    }

    /// `?lang=` and the language a request chose with the switch, or nothing when it did not
    /// choose (its `Accept-Language` then decides again): forms and redirects carry it on.
    static func choice(of request: Request) -> String {
        guard let query = request.uri.queryParameters.get("lang"), let chosen = PageLanguage(rawValue: query.lowercased()) else { return "" }
        return "?lang=" + chosen.rawValue
    }

    /// The texts of the pages in this language.
    var strings: PageStrings {
        switch self {
        case .en: .english
        case .nl: .dutch
        }
    }

    /// The language switch: one link per language, the current one marked.
    var switchLinks: [LanguageLink] {
        PageLanguage.allCases.map {
            LanguageLink(code: $0.rawValue, name: $0.strings.languageName, href: "?lang=\($0.rawValue)", isCurrent: $0 == self)
        }
    }
}

/// One link of the language switch.
struct LanguageLink: Sendable {
    /// The language code, for `lang` and `hreflang`.
    let code: String
    /// The language's own name ("English", "Nederlands").
    let name: String
    /// Where the link goes (the same page in that language).
    let href: String
    /// Whether it is the page's language.
    let isCurrent: Bool
}
