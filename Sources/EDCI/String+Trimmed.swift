extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line breaks).
    ///
    /// Native Swift: Foundation's `trimmingCharacters(in:)` bridges through NSString on Linux
    /// and was a twentieth of an import's time.
    var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
