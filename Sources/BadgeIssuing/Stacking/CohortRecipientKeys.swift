public import BadgeCore
public import Foundation

/// Pages through the distinct recipient keys holding an unrevoked assertion of any of several
/// badge classes, in ascending order, by merging one ordered read per class.
///
/// Each class is read in chunks along its own (badge class, recipient key) index, so the whole
/// cohort costs one pass over its assertions. A single read of all classes at once cannot follow
/// an index in key order: the databases sort every page's matches again, which made paging a
/// cohort of 100,000 recipients quadratic (most of a minute on SQLite).
///
/// Keys up to the smallest last key read of any class that has more to read are complete: every
/// such class has read up to them. They move, merged and each once, to a queue that pages are
/// taken from; every later read starts after them.
public struct CohortRecipientKeys: Sendable {
    /// The keys read per class and request.
    public static let chunk = 1_000

    private struct Source: Sendable {
        var buffer: ArraySlice<String> = []
        var cursor: String?
        var isExhausted = false
    }

    private let assertions: any AssertionStore
    private let chunk: Int
    private var sources: [UUID: Source]
    /// Complete keys not yet returned, in order.
    private var ready: ArraySlice<String> = []

    /// Starts before the first key.
    /// - Parameters:
    ///   - badgeClassIDs: the classes whose holders are paged (duplicates once).
    ///   - chunk: the keys read per class and request (tests use small ones).
    public init(holdingAnyOf badgeClassIDs: [UUID], in assertions: any AssertionStore, chunk: Int = Self.chunk) {
        self.assertions = assertions
        self.chunk = min(max(chunk, 1), 1_000)
        self.sources = Dictionary(badgeClassIDs.map { ($0, Source()) }, uniquingKeysWith: { first, _ in first })
    }

    /// The next page of at most `limit` keys, each greater than every key returned before; empty
    /// when there are no more.
    public mutating func next(limit: Int) async throws -> [String] {
        var page: [String] = []
        while page.count < max(limit, 1) {
            if ready.isEmpty, try await !merge() { break }
            let taken = ready.prefix(max(limit, 1) - page.count)
            page += taken
            ready = ready.dropFirst(taken.count)
        }
        return page
    }

    /// Moves every complete key from the classes' buffers into ``ready``, in order and once.
    /// - Returns: false when every class is read to its end.
    private mutating func merge() async throws -> Bool {
        try await refill()
        // Every class with more to read holds a non-empty buffer after the refill.
        let bound = sources.values.filter { !$0.isExhausted }.compactMap(\.buffer.last).min()
        var complete: Set<String> = []
        for (id, source) in sources where !source.buffer.isEmpty {
            let taken = bound.map { bound in source.buffer.prefix { $0 <= bound } } ?? source.buffer
            complete.formUnion(taken)
            sources[id]?.buffer = source.buffer.dropFirst(taken.count)
        }
        ready = complete.sorted()[...]
        return !ready.isEmpty
    }

    /// Reads the next chunk of every class whose buffer is empty and that has more to read.
    private mutating func refill() async throws {
        for (id, source) in sources where source.buffer.isEmpty && !source.isExhausted {
            let keys = try await assertions.recipientKeys(holding: id, after: source.cursor, limit: chunk)
            sources[id] = Source(buffer: keys[...], cursor: keys.last ?? source.cursor, isExhausted: keys.count < chunk)
        }
    }
}
