public import Foundation
public import HTTPTypes
public import HummingbirdTesting
public import NIOCore

extension TestClientProtocol {
    /// Sends a request with an optional API key, JSON body and extra headers and returns the response.
    @discardableResult
    public func send(
        _ method: HTTPRequest.Method,
        _ uri: String,
        key: String? = nil,
        json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The body as a JSON object (empty if it is not one).
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    /// The body as text.
    public var text: String { String(buffer: body) }
}
