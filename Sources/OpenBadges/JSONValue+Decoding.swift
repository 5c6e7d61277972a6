public import Foundation
public import Primitives

extension JSONValue {
    /// Decodes JSON text of at most `maxBytes` bytes.
    /// - Throws: ``OpenBadgesError`` `.tooLarge` or `.invalidInput`.
    public static func decode(_ data: Data, maxBytes: Int = 1 << 20) throws(OpenBadgesError) -> JSONValue {
        guard data.count <= maxBytes else { throw OpenBadgesError(.tooLarge, "JSON is larger than \(maxBytes) bytes") }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw OpenBadgesError(.invalidInput, "not valid JSON", cause: error)
        }
    }
}
