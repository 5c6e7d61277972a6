import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP answer, read fully (bounded).
struct HTTPReply: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: Data

    func header(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }
}

/// Sends requests with AsyncHTTPClient, reading bounded bodies and retrying transient failures.
struct HTTPExchange: Sendable {
    let client: HTTPClient
    let timeout: Duration
    let retry: RetryPolicy
    let maximumBodySize: Int
    /// Where requests may go, checked on every hop.
    let policy: OutboundPolicy

    init(client: HTTPClient, timeout: Duration, retry: RetryPolicy, policy: OutboundPolicy, maximumBodySize: Int = 4 * 1024 * 1024) {
        self.client = client
        self.timeout = timeout
        self.retry = retry
        self.policy = policy
        self.maximumBodySize = maximumBodySize
    }

    /// Sends the request; retries 5xx/429 answers and transport errors; returns the final reply.
    func send(_ method: String, _ url: URL, headers: [(String, String)] = [], body: Data? = nil) async throws -> HTTPReply {
        var attempt = 1
        while true {
            var wait = retry.delay(beforeRetry: attempt)
            do {
                let reply = try await sendOnce(method, url, headers: headers, body: body)
                let transient = reply.status >= 500 || reply.status == 429
                if !transient || attempt >= retry.maximumAttempts { return reply }
                if let asked = RetryPolicy.retryAfter(reply.header("Retry-After").first, now: Date()) {
                    // Honour the platform's Retry-After, within the policy's longest wait.
                    guard asked <= retry.maximumRetryAfter else { return reply }
                    wait = max(wait, asked)
                }
            } catch let error as LTIError {
                throw error
            } catch {
                if attempt >= retry.maximumAttempts {
                    throw LTIError(.serviceRequestFailed, "The platform could not be reached.", cause: error)
                }
            }
            try await retry.sleep(wait)
            attempt += 1
        }
    }

    /// One request, its redirects followed here (bounded, each hop checked by the policy): the
    /// client itself must not follow redirects.
    private func sendOnce(_ method: String, _ url: URL, headers: [(String, String)], body: Data?) async throws -> HTTPReply {
        var (method, url, body) = (method, url, body)
        for _ in 0...OutboundPolicy.maximumRedirects {
            try policy.check(url)
            let reply = try await sendHop(method, url, headers: headers, body: body)
            guard let next = OutboundPolicy.redirectTarget(status: reply.status, location: reply.header("Location").first, from: url) else {
                return reply
            }
            if reply.status == 303 || (reply.status <= 302 && method == "POST") { (method, body) = ("GET", nil) }
            url = next
        }
        throw LTIError(.serviceRequestFailed, "The platform redirected more than \(OutboundPolicy.maximumRedirects) times.")
    }

    private func sendHop(_ method: String, _ url: URL, headers: [(String, String)], body: Data?) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        let response = try await client.execute(request, timeout: .nanoseconds(nanoseconds))
        let buffer: ByteBuffer
        do {
            buffer = try await response.body.collect(upTo: maximumBodySize)
        } catch let error as NIOTooManyBytesError {
            throw LTIError(.invalidResponse, "The platform's answer is too large.", cause: error)
        }
        return HTTPReply(
            status: Int(response.status.code),
            headers: response.headers.map { (name: $0.name, value: $0.value) },
            body: Data(buffer.readableBytesView)
        )
    }
}
