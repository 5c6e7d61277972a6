import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A student's browser against the daemon: it keeps the session cookie it is given and sends it
/// back, and posts the wallet's forms with their form token.
struct WalletBrowser: Sendable {
    let client: any TestClientProtocol
    /// The `__Host-badged-session` cookie's value, once signed in.
    var session: String?

    init(client: any TestClientProtocol) {
        self.client = client
    }

    /// The cookie's value in a `Set-Cookie` header.
    static func cookieValue(_ setCookie: String?) -> String? {
        guard let setCookie, setCookie.hasPrefix("__Host-badged-session=") else { return nil }
        return String(setCookie.dropFirst("__Host-badged-session=".count).prefix { $0 != ";" })
    }

    /// Opens an access link (its page, then its button) and keeps the session it starts.
    /// - Returns: the button's answer.
    @discardableResult
    mutating func openAccessLink(_ url: String) async throws -> TestResponse {
        let path = try #require(URLComponents(string: url)?.path)
        let page = try await client.send(.get, path, headers: [.accept: "text/html"])
        #expect(page.status == .ok)
        #expect(page.text.contains("action=\"\(path)\""))
        return try await post(path, [])
    }

    /// A GET with the session cookie.
    func get(_ path: String) async throws -> TestResponse {
        var headers: HTTPFields = [.accept: "text/html"]
        if let session { headers[.cookie] = "__Host-badged-session=\(session)" }
        return try await client.execute(uri: path, method: .get, headers: headers, body: nil)
    }

    /// A form POST with the session cookie; keeps a new session cookie, forgets a cleared one.
    /// Like a browser posting a form of badged's own page, it says `Sec-Fetch-Site: same-origin`.
    @discardableResult
    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> TestResponse {
        var headers: HTTPFields = [
            .accept: "text/html", .contentType: "application/x-www-form-urlencoded", HTTPField.Name("Sec-Fetch-Site")!: "same-origin",
        ]
        if let session { headers[.cookie] = "__Host-badged-session=\(session)" }
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        if let value = Self.cookieValue(response.headers[.setCookie]) { session = value.isEmpty ? nil : value }
        return response
    }

    /// The wallet's form token (read from the wallet page).
    func formToken() async throws -> String {
        let page = try await get("/wallet")
        #expect(page.status == .ok)
        return try #require(LTIBrowser.hiddenValue("form_token", in: page.text))
    }

    /// A wallet form posted with the session's form token.
    @discardableResult
    mutating func submit(_ path: String, _ fields: [(String, String)]) async throws -> TestResponse {
        try await post(path, [("form_token", try await formToken())] + fields)
    }
}

extension TestClientProtocol {
    /// Issues an access link for a recipient with an API key; returns the link.
    func accessLink(for recipient: String, key: String, expiresIn: Int? = nil) async throws -> String {
        let response = try await send(
            .post,
            "/api/v1/recipients/\(recipient)/access-links",
            key: key,
            json: expiresIn.map { #"{"expires_in": \#($0)}"# }
        )
        #expect(response.status == .created, "\(response.text)")
        return try #require(response.json["url"] as? String)
    }
}
