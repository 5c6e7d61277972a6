import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A mentor's browser against the daemon: it opens a reviewer link (its page, then its button),
/// keeps the `__Host-badged-review` cookie it is given, and posts the review forms.
struct ReviewerBrowser: Sendable {
    let client: any TestClientProtocol
    /// The cookie's value, once a link was spent.
    var session: String?
    /// The `Set-Cookie` header that started the session.
    var setCookie: String?

    init(client: any TestClientProtocol) {
        self.client = client
    }

    /// Opens a reviewer link and keeps the session it starts.
    /// - Returns: the button's answer.
    @discardableResult
    mutating func open(_ url: String) async throws -> TestResponse {
        let path = try #require(URLComponents(string: url)?.path)
        let page = try await client.send(.get, path, headers: [.accept: "text/html"])
        #expect(page.status == .ok)
        #expect(page.text.contains("action=\"\(path)?lang=en\""))
        return try await post(path, [])
    }

    /// A GET with the reviewer cookie.
    func get(_ path: String, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers: HTTPFields = [.accept: "text/html"]
        headers.append(contentsOf: extra)
        if let session { headers[.cookie] = "__Host-badged-review=\(session)" }
        return try await client.execute(uri: path, method: .get, headers: headers, body: nil)
    }

    /// A form POST with the reviewer cookie; keeps a new cookie, forgets a cleared one. Like a
    /// browser posting a form of badged's own page, it says `Sec-Fetch-Site: same-origin`.
    @discardableResult
    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> TestResponse {
        var headers: HTTPFields = [
            .accept: "text/html", .contentType: "application/x-www-form-urlencoded", HTTPField.Name("Sec-Fetch-Site")!: "same-origin",
        ]
        if let session { headers[.cookie] = "__Host-badged-review=\(session)" }
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        if let header = response.headers[.setCookie], header.hasPrefix("__Host-badged-review=") {
            let value = String(header.dropFirst("__Host-badged-review=".count).prefix { $0 != ";" })
            session = value.isEmpty ? nil : value
            setCookie = header
        }
        return response
    }

    /// The review page's form token.
    func formToken() async throws -> String {
        let page = try await get("/review")
        #expect(page.status == .ok)
        return try #require(LTIBrowser.hiddenValue("form_token", in: page.text))
    }

    /// Approves or denies a claim from the review page, with the session's form token.
    @discardableResult
    mutating func decide(_ claimID: String, _ decision: String, comment: String = "") async throws -> TestResponse {
        try await post("/review/claims/\(claimID)", [("form_token", try await formToken()), ("decision", decision), ("comment", comment)])
    }
}

extension TestClientProtocol {
    /// Issues a reviewer link with an API key; returns the answer.
    func reviewLink(key: String, json: String? = nil) async throws -> TestResponse {
        try await send(.post, "/api/v1/claims/review-links", key: key, json: json)
    }
}
