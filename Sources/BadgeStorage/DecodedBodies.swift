import Foundation
import Synchronization

/// Catalogue contents (and outcome rules) already decoded from their stored JSON, by entity id,
/// reused while the stored text is the same: a read compares the row's body with the one it
/// decoded before (a string comparison, far cheaper than decoding), so a change by any daemon is
/// seen at once.
///
/// Launches, stacking runs and awards read the same few badge classes over and over; decoding
/// their JSON was a large share of those paths' CPU. The cache is bounded and starts over when full.
final class DecodedBodies: Sendable {
    private struct Entry: @unchecked Sendable {
        // The value is a CatalogContent (Sendable); the existential box is not typed as such.
        let body: String
        let content: Any
    }

    /// The most entries kept.
    static let capacity = 4_096
    private let entries = Mutex<[UUID: Entry]>([:])

    /// The content of the row `id` whose stored body is `body`, decoded once per distinct body.
    func content<Content: Decodable & Sendable>(_ type: Content.Type, id: UUID, body: String, decode: (String) throws -> Content) rethrows -> Content {
        if let cached = entries.withLock({ $0[id] }), cached.body == body, let content = cached.content as? Content {
            return content
        }
        let content = try decode(body)
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = Entry(body: body, content: content)
        }
        return content
    }
}
