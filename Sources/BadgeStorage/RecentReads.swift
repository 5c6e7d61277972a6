import Foundation
import Synchronization

/// Values read from the database in the last second, by key: a read that the same hot path makes
/// over and over (a platform registration at every login and launch, the badge classes of every
/// stacking run) is served from memory while fresh. The store that owns it forgets everything
/// when this daemon changes what it caches; a change by another daemon on the same database is
/// seen within ``freshness``.
final class RecentReads<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        let value: Value
        let readAt: ContinuousClock.Instant
    }

    /// How long a read serves.
    static var freshness: Duration { .seconds(1) }

    private let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    /// Creates an empty cache that starts over once it holds `capacity` values.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The fresh values of `keys`, by key; keys without one are left out.
    func values(for keys: some Sequence<String>) -> [String: Value] {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            var found: [String: Value] = [:]
            for key in keys {
                if let entry = entries[key], entry.readAt.duration(to: now) < Self.freshness { found[key] = entry.value }
            }
            return found
        }
    }

    /// The fresh value of `key`, if there is one.
    func value(for key: String) -> Value? {
        values(for: CollectionOfOne(key))[key]
    }

    /// Keeps values just read.
    func store(_ values: some Collection<(key: String, value: Value)>) {
        let now = ContinuousClock.now
        entries.withLock { entries in
            if entries.count + values.count > capacity { entries.removeAll(keepingCapacity: true) }
            for (key, value) in values { entries[key] = Entry(value: value, readAt: now) }
        }
    }

    /// Forgets everything (after this daemon changed what is cached).
    func clear() {
        entries.withLock { $0.removeAll(keepingCapacity: true) }
    }
}

/// A catalogue record kept by ``RecentReads``: a `Record` of some `CatalogContent`, which is
/// Sendable; the existential box is not typed as such.
struct RecentRecord: @unchecked Sendable {
    let record: Any
}
