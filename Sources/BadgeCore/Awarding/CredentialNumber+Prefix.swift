import Foundation

extension CredentialNumber {
    /// The prefix of an institution's numbers: its `credential_prefix` when set; otherwise the
    /// initials of the capitalised words of its name (English, else Dutch), such as `UH` for
    /// "University of Helsinki", cut to four letters; otherwise the letters of its SCHAC home's
    /// first label, such as `UVA` for `uva.nl`.
    public static func prefix(for institution: Institution) -> String {
        if let explicit = institution.credentialPrefix, isValidPrefix(explicit) { return explicit }
        let name = institution.name.en ?? institution.name.nl ?? ""
        let initials = name.split(whereSeparator: { !$0.isLetter }).compactMap { word -> Character? in
            guard let first = word.first, first.isUppercase else { return nil }
            return asciiLetter(first)
        }
        if initials.count >= 2 { return String(initials.prefix(maximumPrefixLength)) }
        let label = institution.identifier.split(separator: ".").first.map(String.init) ?? ""
        let letters = label.compactMap(asciiLetter)
        if letters.count >= 2 { return String(letters.prefix(maximumPrefixLength)) }
        return String((initials + letters + ["B", "D"]).prefix(2))
    }

    /// The upper-case ASCII letter of a letter, without its accent (É → E); nil for others.
    private static func asciiLetter(_ character: Character) -> Character? {
        let folded = String(character).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).uppercased()
        guard folded.count == 1, let letter = folded.first, letter.isASCII, letter.isLetter else { return nil }
        return letter
    }
}
