import Foundation
import Synchronization

/// Catalogue records read in the last second, by table and id: every award's stacking run reads
/// the same few badge classes (the composites naming its class and their components), and
/// re-reading their bodies only to find them unchanged was most of what stacking added to an
/// award. A record changed through this daemon's store is forgotten at once; one changed by
/// another daemon on the same database is seen within ``freshness``, as platform registrations are.
final class RecentRecords: Sendable {
    private struct Entry: @unchecked Sendable {
        // The value is a Record of a CatalogContent (Sendable); the existential box is not typed as such.
        let record: Any
        let readAt: ContinuousClock.Instant
    }

    /// How long a read serves.
    static let freshness: Duration = .seconds(1)
    /// The most entries kept.
    static let capacity = 4_096
    private let entries = Mutex<[String: Entry]>([:])

    /// The records of `ids` in `table` read within ``freshness``, and the ids not among them.
    func records<Record>(_ type: Record.Type, table: String, ids: [String]) -> (found: [Record], missing: [String]) {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            var found: [Record] = []
            var missing: [String] = []
            for id in ids {
                if let entry = entries[table + "/" + id], entry.readAt.duration(to: now) < Self.freshness, let record = entry.record as? Record {
                    found.append(record)
                } else {
                    missing.append(id)
                }
            }
            return (found, missing)
        }
    }

    /// Keeps records just read, by their ids.
    func store<Record>(_ records: [(id: String, record: Record)], table: String) {
        let now = ContinuousClock.now
        entries.withLock { entries in
            if entries.count + records.count > Self.capacity { entries.removeAll(keepingCapacity: true) }
            for (id, record) in records { entries[table + "/" + id] = Entry(record: record, readAt: now) }
        }
    }

    /// Forgets everything (after this daemon changed the catalogue).
    func clear() {
        entries.withLock { $0.removeAll(keepingCapacity: true) }
    }
}
