import BadgeCore
import Foundation
import OpenBadges
import Primitives
import Synchronization

/// Serves documents from memory by URL; anything else is a 404. Counts requests.
final class InMemoryDocumentFetcher: DocumentFetcher {
    private let state: Mutex<(documents: [String: FetchedDocument], requests: [String])>

    init(_ documents: [String: FetchedDocument] = [:]) {
        state = Mutex((documents, []))
    }

    /// Serves `document` as JSON at its own `id`, or at `url`.
    func serve(_ document: JSONValue, at url: String? = nil, status: Int = 200) {
        let location = url ?? document["id"]?.stringValue ?? ""
        state.withLock { $0.documents[location] = FetchedDocument(status: status, body: document.encoded()) }
    }

    /// Serves raw text at `url`.
    func serve(text: String, at url: String, status: Int = 200) {
        state.withLock { $0.documents[url] = FetchedDocument(status: status, body: Data(text.utf8)) }
    }

    /// Every URL requested, in order.
    var requests: [String] { state.withLock { $0.requests } }

    func get(_ url: URL, maximumBytes: Int) async throws -> FetchedDocument {
        let document = state.withLock { state -> FetchedDocument? in
            state.requests.append(url.absoluteString)
            return state.documents[url.absoluteString]
        }
        guard let document else { return FetchedDocument(status: 404, body: Data()) }
        guard document.body.count <= maximumBytes else { throw OpenBadgesError(.tooLarge, "too large") }
        return document
    }
}

/// A pinned clock.
struct FixedClock: TimeSource {
    var date: Date
    func now() -> Date { date }
}
