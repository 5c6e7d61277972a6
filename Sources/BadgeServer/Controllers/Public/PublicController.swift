import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import NIOCore
import OpenBadges
import Primitives
import QRCodes

/// The public, unauthenticated Open Badges documents under `/public`: issuer profiles with
/// their RevocationList, badge classes with their generated image, hosted and signed
/// assertions, CryptographicKeys, and the edubadges extension contexts and schemas. No
/// document carries a plain recipient identity. An assertion its recipient made private (in their
/// wallet) answers 404 in every form.
struct PublicController: Sendable {
    let catalog: any CatalogStore
    let assertions: any AssertionStore
    let credentialNumbers: any CredentialNumberStore
    let keys: any IssuerKeyStore
    let documents: OpenBadgesDocuments
    let mode: VerificationMode
    let check: CredentialCheck
    let edci: EDCIController
    let pages: PageRenderer
    /// Decides which assertions their recipients made private: those answer 404 here.
    let wallet: Wallet

    func addRoutes(to router: Router<AppRequestContext>) {
        router.on(Route.publicIssuer) { _, context in
            let issuer = try await find(Issuer.self, context)
            guard let institution = try await catalog.find(Institution.self, id: issuer.institutionID) else {
                throw BadgeCoreError(.notFound, "no such issuer")
            }
            // Keys exist only once something was signed (the default mode or a class's override).
            // Only the current key is listed: 1EdTech's verifier rejects a publicKey with several
            // values. Earlier keys stay published at their URLs, and a rotation re-signs.
            let current = try await keys.keys(issuerID: issuer.id).last { $0.retiredAt == nil && !$0.isRevoked }
            return Self.linkedData(documents.issuerProfile(issuer, institution: institution.content, publicKeyIDs: current.map { [$0.id] } ?? []))
        }
        router.on(Route.publicRevocationList) { _, context in
            let issuer = try await find(Issuer.self, context)
            return Self.linkedData(documents.revocationList(issuerID: issuer.id, assertions: try await assertions.revoked(issuerID: issuer.id)))
        }
        router.on(Route.publicBadgeClass) { _, context in
            Self.linkedData(documents.badgeClass(try await find(BadgeClass.self, context)))
        }
        router.on(Route.publicBadgeClassImage) { _, context in
            let badgeClass = try await find(BadgeClass.self, context)
            return Response(
                status: .ok,
                headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=3600"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: DefaultBadgeImage.svg(name: badgeClass.name.preferred(badgeClass.language))))
            )
        }
        router.on(Route.publicAssertion, use: assertion)
        router.on(Route.publicBakedImage, use: bakedImage)
        router.on(Route.publicAssertionQRCode, use: qrCode)
        router.on(Route.publicAssertionCertificate, use: certificate)
        router.on(Route.publicCredentialLookup, use: lookup)
        router.on(Route.publicKey) { _, context in
            guard let id = context.parameters.get("id"), let key = try await keys.key(id: id) else {
                throw BadgeCoreError(.notFound, "no such key")
            }
            if let revokedAt = key.revokedAt { return Self.revokedKey(key.id, at: revokedAt, urls: documents.urls) }
            return Self.linkedData(documents.cryptographicKey(keyID: key.id, publicKeyPEM: key.publicKeyPEM, issuerID: key.issuerID))
        }
        router.on(Route.publicExtension) { _, context in
            let path = "\(context.parameters.get("name") ?? "")/\(context.parameters.get("file") ?? "")"
            guard let document = ExtensionDocuments(urls: documents.urls).document(atPath: path) else {
                throw BadgeCoreError(.notFound, "no extension document \(path)")
            }
            return Self.linkedData(document, contentType: path.hasSuffix("schema.json") ? "application/schema+json" : "application/ld+json")
        }
    }

    /// The stored assertion behind a public page, nil when there is none or its holder made it
    /// private: every public form of a credential answers the same 404 for both.
    func publicAssertion(id: UUID) async throws -> StoredAssertion? {
        guard let found = try await assertions.find(id: id), try await wallet.isPublic(assertionID: id) else { return nil }
        return found
    }

    /// `/public/assertions/{id}` (the hosted form) and `/public/assertions/{id}.jws` (the signed one).
    @Sendable func assertion(_ request: Request, context: AppRequestContext) async throws -> Response {
        let raw = context.parameters.get("id") ?? ""
        if raw.hasSuffix(".edci.xml") {
            guard let id = UUID(uuidString: String(raw.dropLast(".edci.xml".count))), try await wallet.isPublic(assertionID: id) else {
                throw BadgeCoreError(.notFound, "no such assertion")
            }
            return try await edci.export(assertionID: id)
        }
        let wantsJWS = raw.hasSuffix(".jws")
        guard let id = UUID(uuidString: wantsJWS ? String(raw.dropLast(4)) : raw), let found = try await publicAssertion(id: id)
        else { throw BadgeCoreError(.notFound, "no such assertion") }
        if wantsJWS {
            guard let jws = found.jws else { throw BadgeCoreError(.notFound, "this assertion is hosted only") }
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: jws))
            )
        }
        let badgeClass = try await catalog.find(BadgeClass.self, id: found.assertion.badgeClassID)
        if request.uri.queryParameters.get("format") != "json", CredentialPage.wantsHTML(request.headers[.accept]), let badgeClass {
            return try await credentialPage(found, of: badgeClass, request: request)
        }
        return Self.linkedData(documents.assertion(served(found.assertion, of: badgeClass?.content)))
    }

    /// The assertion baked into a badge image: SVG by default, PNG with `?format=png`. Signed
    /// assertions carry their JWS, hosted ones their JSON.
    @Sendable func bakedImage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = UUID(uuidString: context.parameters.get("id") ?? ""), let found = try await publicAssertion(id: id),
            let badgeClass = try await catalog.find(BadgeClass.self, id: found.assertion.badgeClassID)
        else { throw BadgeCoreError(.notFound, "no such assertion") }
        let json = String(decoding: documents.assertion(served(found.assertion, of: badgeClass.content)).encoded(), as: UTF8.self)
        let payload = found.jws ?? json
        // Assertions are bounded at write time (Assertion.maximumTextLength); one stored before
        // the bounds may still be too large to bake, and answers that instead of failing.
        guard payload.utf8.count <= PNGBaker().maximumPayloadBytes else {
            throw BadgeCoreError(.conflict, "this assertion is too large to bake into an image; fetch its JSON or JWS instead")
        }
        if request.uri.queryParameters.get("format") == "png" {
            let png = try PNGBaker().bake(DefaultBadgeImage.png(), payload: payload)
            return Response(status: .ok, headers: [.contentType: "image/png"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: png)))
        }
        let svg = DefaultBadgeImage.svg(name: badgeClass.name.preferred(badgeClass.language))
        let baked = try SVGBaker().bake(
            svg,
            found.jws.map { SVGBaker.Baked(verify: $0) } ?? SVGBaker.Baked(verify: documents.urls.assertion(id), json: json)
        )
        return Response(status: .ok, headers: [.contentType: "image/svg+xml"], body: ResponseBody(byteBuffer: ByteBuffer(string: baked)))
    }

    /// The QR code of an assertion's public URL: SVG by default, PNG with `?format=png`.
    @Sendable func qrCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = UUID(uuidString: context.parameters.get("id") ?? ""), try await publicAssertion(id: id) != nil
        else { throw BadgeCoreError(.notFound, "no such assertion") }
        return try Self.qrCodeResponse(for: documents.urls.assertion(id), png: request.uri.queryParameters.get("format") == "png")
    }

    /// The QR code as an image response (synchronous: the optimiser crashed splitting the async
    /// handler around the encoder's typed throw, seen with Swift 6.3.1 in release builds).
    static func qrCodeResponse(for url: String, png: Bool) throws -> Response {
        let code: QRCode
        do {
            code = try QRCode(encoding: url)
        } catch {
            throw BadgeCoreError(.conflict, "this link cannot be drawn as a QR code: \(error.message)")
        }
        let cache = "public, max-age=86400"
        if png {
            return Response(
                status: .ok,
                headers: [.contentType: "image/png", .cacheControl: cache],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: code.png()))
            )
        }
        return Response(
            status: .ok,
            headers: [.contentType: "image/svg+xml", .cacheControl: cache],
            body: ResponseBody(byteBuffer: ByteBuffer(string: code.svg(title: "QR code of the credential's link")))
        )
    }

    /// The assertion as its URL serves it: the hosted form, unless the class (or the daemon) issues
    /// signed-only assertions and this one was signed.
    private func served(_ assertion: Assertion, of badgeClass: BadgeClass?) -> Assertion {
        var served = assertion
        if (badgeClass?.verificationMode ?? mode) != .signed { served.verification = .hosted }
        return served
    }

    private func find<Content: CatalogContent>(_ type: Content.Type, _ context: AppRequestContext) async throws -> Record<Content> {
        guard let record = try await catalog.find(Content.self, id: try context.parameters.uuid("id")) else {
            throw BadgeCoreError(.notFound, "no such \(Content.kind.displayName)")
        }
        return record
    }

    /// A revoked (compromised) key is no longer published: its URL answers 410 Gone, without
    /// the public key, so no verifier accepts what it signed. Open Badges 2.0's CryptographicKey
    /// has no property that marks a key revoked.
    static func revokedKey(_ id: String, at date: Date, urls: PublicURLs) -> Response {
        let body: JSONValue = [
            "id": .string(urls.key(id)),
            "error": "revoked",
            "detail": .string("the issuer revoked this key on \(date.formatted(.iso8601)); signatures made with it are invalid"),
        ]
        return Response(
            status: .gone,
            headers: [.contentType: "application/json", .accessControlAllowOrigin: "*"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.encoded()))
        )
    }

    static func linkedData(_ document: JSONValue, contentType: String = "application/ld+json") -> Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType, .accessControlAllowOrigin: "*"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: document.encoded()))
        )
    }
}
