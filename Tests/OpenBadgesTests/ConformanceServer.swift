import BadgeCore
import Foundation
import Hummingbird
import Logging
import OpenBadges
import Primitives

/// Serves badged's Open Badges documents on 127.0.0.1 (a free port) for the 1EdTech verifier.
actor ConformanceDocuments {
    private var documents: [String: (contentType: String, body: String)] = [:]

    func set(_ path: String, _ body: String, contentType: String = "application/ld+json") {
        documents[path] = (contentType, body)
    }

    func get(_ path: String) -> (contentType: String, body: String)? { documents[path] }

    /// Publishes the fixture issuer, class, key, extensions and the given assertions.
    func publish(urls: PublicURLs, key: SigningKey, assertions: [Assertion]) {
        let documents = OpenBadgesDocuments(urls: urls)
        let base = urls.baseURL
        func put(_ url: String, _ value: JSONValue) { set(String(url.dropFirst(base.count)), value.encodedString()) }
        put(urls.issuer(Fixture.issuerID), documents.issuerProfile(Fixture.issuer, institution: Fixture.institution, publicKeyIDs: [key.id]))
        put(urls.badgeClass(Fixture.badgeClassID), documents.badgeClass(Fixture.badgeClass))
        set(
            String(urls.badgeClassImage(Fixture.badgeClassID).dropFirst(base.count)),
            DefaultBadgeImage.svg(name: "Linear Algebra"),
            contentType: "image/svg+xml"
        )
        put(urls.key(key.id), documents.cryptographicKey(keyID: key.id, publicKeyPEM: key.publicKeyPEM, issuerID: Fixture.issuerID))
        put(urls.revocationList(issuer: Fixture.issuerID), documents.revocationList(issuerID: Fixture.issuerID, assertions: assertions))
        for assertion in assertions { put(urls.assertion(assertion.id), documents.assertion(assertion)) }
        let extensions = ExtensionDocuments(urls: urls)
        for ext in EdubadgesExtension.allCases {
            put(urls.extensionContext(ext), extensions.context(for: ext))
            put(urls.extensionSchema(ext), extensions.schema(for: ext))
        }
    }
}

enum ConformanceServer {
    /// Runs the server for the duration of `body`, passing it the base URL.
    static func withRunning<T: Sendable>(
        _ documents: ConformanceDocuments,
        _ body: @Sendable (String) async throws -> T
    ) async throws -> T {
        let router = Router()
        router.get("**") { request, _ -> Response in
            guard let document = await documents.get(request.uri.path) else { return Response(status: .notFound) }
            return Response(
                status: .ok,
                headers: [.contentType: document.contentType],
                body: .init(byteBuffer: ByteBuffer(string: document.body))
            )
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "ob2-conformance")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            defer { group.cancelAll() }
            return try await body("http://127.0.0.1:\(port)")
        }
    }
}
