import BadgeCore
import BadgeIssuing
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The `Idempotency-Key` request header (IETF httpapi idempotency-key draft) on POST routes: the
/// first completed response to a key is kept for 24 hours, and a retry with the same key and
/// the same request gets that response again (marked `Idempotent-Replayed: true`) instead of a
/// second execution. The same key with a different request is refused with 422.
///
/// Keys are scoped to the API key that sent them and stored only as digests.
struct IdempotencyKeys: Sendable {
    // Both names are valid header tokens, so the initialiser cannot return nil.
    /// The request header.
    static let header = HTTPField.Name("Idempotency-Key")!
    /// The response header that marks a replay.
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!
    /// How long a response is kept.
    static let lifetime: TimeInterval = 24 * 3600
    /// The longest key accepted.
    static let maximumLength = 255

    let store: any IdempotencyStore
    let clock: any TimeSource

    /// Answers `request` from a kept response when its key was seen, otherwise runs `produce`
    /// and keeps what it answered (only successful answers are kept; an error can be retried).
    func respond(
        to request: Request,
        body: Data,
        principal: Principal,
        produce: () async throws -> (status: HTTPResponse.Status, body: Data)
    ) async throws -> Response {
        guard let raw = request.headers[Self.header] else {
            let (status, body) = try await produce()
            return Self.response(status: status, body: body, replayed: false)
        }
        let key = try Self.validatedKey(raw)
        let keyHash = Digest.sha256Hex(Data("\(principal.keyID)\n\(key)".utf8))
        var fingerprint = Data("\(request.method.rawValue) \(request.uri.path)\n".utf8)
        fingerprint.append(body)
        let requestHash = Digest.sha256Hex(fingerprint)
        let now = clock.now()
        if let kept = try await store.response(keyHash: keyHash, at: now) {
            guard kept.requestHash == requestHash else {
                throw BadgeCoreError.invalid("Idempotency-Key", "this key was already used with a different request; use a new key")
            }
            return Self.response(status: HTTPResponse.Status(code: kept.status), body: kept.body, replayed: true)
        }
        let (status, responseBody) = try await produce()
        try await store.save(
            .init(requestHash: requestHash, status: status.code, body: responseBody),
            keyHash: keyHash,
            at: now,
            expiresAt: now.addingTimeInterval(Self.lifetime)
        )
        return Self.response(status: status, body: responseBody, replayed: false)
    }

    /// The key without the quotes of its structured-field form; 1 to 255 visible ASCII characters.
    private static func validatedKey(_ raw: String) throws(BadgeCoreError) -> String {
        var key = Substring(raw.trimmingCharacters(in: .whitespaces))
        if key.count >= 2, key.first == "\"", key.last == "\"" { key = key.dropFirst().dropLast() }
        guard (1...maximumLength).contains(key.count), key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw .invalid("Idempotency-Key", "the key must be 1 to \(maximumLength) visible ASCII characters")
        }
        return String(key)
    }

    private static func response(status: HTTPResponse.Status, body: Data, replayed: Bool) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if replayed { headers[replayedHeader] = "true" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
