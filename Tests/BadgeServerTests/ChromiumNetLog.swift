import Foundation

/// The requests a Chromium run made, read from the NetLog it wrote with `--log-net-log`: for each
/// request its method, URL, request header lines (cookie values are stripped in the default
/// capture mode, the header names stay) and the response's status line.
struct ChromiumNetLog {
    struct Exchange: Sendable {
        var method = ""
        var url = ""
        var requestHeaders: [String] = []
        var status: String?

        /// Whether the browser sent a `Cookie` header.
        var sentCookie: Bool { requestHeaders.contains { $0.lowercased().hasPrefix("cookie:") } }
    }

    let exchanges: [Exchange]

    /// Reads a NetLog file (JSON: `constants.logEventTypes` names the numeric event types).
    init(contentsOf file: URL) throws {
        var data = try Data(contentsOf: file)
        // A log cut short by the browser's exit lacks its closing brackets.
        if (try? JSONSerialization.jsonObject(with: data)) == nil, let text = String(data: data, encoding: .utf8) {
            var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasSuffix(",") { trimmed.removeLast() }
            data = Data((trimmed + "]}").utf8)
        }
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let types = ((root["constants"] as? [String: Any])?["logEventTypes"] as? [String: Int]) ?? [:]
        let start = types["URL_REQUEST_START_JOB"], sent = types["HTTP_TRANSACTION_SEND_REQUEST_HEADERS"]
        let received = types["HTTP_TRANSACTION_READ_RESPONSE_HEADERS"]
        var open: [Int: Int] = [:]  // source id → index of its latest exchange
        var exchanges: [Exchange] = []
        for case let event as [String: Any] in root["events"] as? [Any] ?? [] {
            guard let type = event["type"] as? Int, let source = (event["source"] as? [String: Any])?["id"] as? Int else { continue }
            let params = event["params"] as? [String: Any] ?? [:]
            switch type {
            case start where params["url"] != nil:
                open[source] = exchanges.count
                exchanges.append(Exchange(method: params["method"] as? String ?? "", url: params["url"] as? String ?? ""))
            case sent:
                // The transaction runs under the URL request's source id.
                if let index = open[source] { exchanges[index].requestHeaders = params["headers"] as? [String] ?? [] }
            case received:
                if let index = open[source], exchanges[index].status == nil { exchanges[index].status = (params["headers"] as? [String])?.first }
            default:
                continue
            }
        }
        self.exchanges = exchanges
    }

    /// The exchanges of `method` whose URL's path is `path`.
    func exchanges(_ method: String, path: String) -> [Exchange] {
        exchanges.filter { $0.method == method && URLComponents(string: $0.url)?.path == path }
    }
}
