import BadgeCore
import BadgeStorage
import Foundation
import Hummingbird
import NIOCore
import OpenBadges

/// The public, unauthenticated Open Badges documents under `/public`: issuer profiles with
/// their RevocationList, badge classes with their generated image, hosted and signed
/// assertions, CryptographicKeys, and the edubadges extension contexts and schemas. No
/// document carries a plain recipient identity.
struct PublicController: Sendable {
    let catalog: any CatalogStore
    let assertions: SQLAssertionStore
    let keys: SQLIssuerKeyStore
    let documents: OpenBadgesDocuments
    let mode: AppConfiguration.SigningMode
    let edci: EDCIController

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("public/issuers/:id") { _, context in
            let issuer = try await find(Issuer.self, context)
            guard let institution = try await catalog.find(Institution.self, id: issuer.institutionID) else {
                throw BadgeCoreError(.notFound, "no such issuer")
            }
            let keyIDs = mode == .hosted ? [] : try await keys.keys(issuerID: issuer.id).map(\.id)
            return Self.linkedData(documents.issuerProfile(issuer, institution: institution.content, publicKeyIDs: keyIDs))
        }
        router.get("public/issuers/:id/revocations") { _, context in
            let issuer = try await find(Issuer.self, context)
            return Self.linkedData(documents.revocationList(issuerID: issuer.id, assertions: try await assertions.revoked(issuerID: issuer.id)))
        }
        router.get("public/badge-classes/:id") { _, context in
            Self.linkedData(documents.badgeClass(try await find(BadgeClass.self, context)))
        }
        router.get("public/badge-classes/:id/image") { _, context in
            let badgeClass = try await find(BadgeClass.self, context)
            return Response(
                status: .ok,
                headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=3600"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: BadgeImage.svg(for: badgeClass.content)))
            )
        }
        router.get("public/assertions/:id", use: assertion)
        router.get("public/keys/:id") { _, context in
            guard let id = context.parameters.get("id"), let key = try await keys.key(id: id) else {
                throw BadgeCoreError(.notFound, "no such key")
            }
            return Self.linkedData(documents.cryptographicKey(keyID: key.id, publicKeyPEM: key.publicKeyPEM, issuerID: key.issuerID))
        }
        router.get("public/extensions/:name/:file") { _, context in
            let path = "\(context.parameters.get("name") ?? "")/\(context.parameters.get("file") ?? "")"
            guard let document = ExtensionDocuments(urls: documents.urls).document(atPath: path) else {
                throw BadgeCoreError(.notFound, "no extension document \(path)")
            }
            return Self.linkedData(document, contentType: path.hasSuffix("schema.json") ? "application/schema+json" : "application/ld+json")
        }
    }

    /// `/public/assertions/{id}` (the hosted form) and `/public/assertions/{id}.jws` (the signed one).
    @Sendable func assertion(_ request: Request, context: AppRequestContext) async throws -> Response {
        let raw = context.parameters.get("id") ?? ""
        if raw.hasSuffix(".edci.xml") {
            guard let id = UUID(uuidString: String(raw.dropLast(".edci.xml".count))) else { throw BadgeCoreError(.notFound, "no such assertion") }
            return try await edci.export(assertionID: id)
        }
        let wantsJWS = raw.hasSuffix(".jws")
        guard let id = UUID(uuidString: wantsJWS ? String(raw.dropLast(4)) : raw), let found = try await assertions.find(id: id) else {
            throw BadgeCoreError(.notFound, "no such assertion")
        }
        if wantsJWS {
            guard let jws = found.jws else { throw BadgeCoreError(.notFound, "this assertion is hosted only") }
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: jws))
            )
        }
        var hosted = found.assertion
        if mode != .signed { hosted.verification = .hosted }
        return Self.linkedData(documents.assertion(hosted))
    }

    private func find<Content: CatalogContent>(_ type: Content.Type, _ context: AppRequestContext) async throws -> Record<Content> {
        guard let record = try await catalog.find(Content.self, id: try context.parameters.uuid("id")) else {
            throw BadgeCoreError(.notFound, "no such \(Content.kind.displayName)")
        }
        return record
    }

    static func linkedData(_ document: JSONValue, contentType: String = "application/ld+json") -> Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType, .accessControlAllowOrigin: "*"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: document.encoded()))
        )
    }
}

/// A generated badge image for classes without one: a round SVG with the class's name.
enum BadgeImage {
    static func svg(for badgeClass: BadgeClass) -> String {
        let name = badgeClass.name.preferred(badgeClass.language)
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        let label =
            badgeClass.ects.map { "\($0.rounded() == $0 ? String(Int($0)) : String($0)) EC" }
            ?? badgeClass.kind.rawValue.replacingOccurrences(of: "_", with: " ")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">\
            <circle cx="128" cy="128" r="120" fill="#1f4e79" stroke="#f2b705" stroke-width="10"/>\
            <text x="128" y="120" font-family="sans-serif" font-size="16" fill="#fff" text-anchor="middle">\(name.prefix(28))</text>\
            <text x="128" y="150" font-family="sans-serif" font-size="20" fill="#f2b705" text-anchor="middle">\(label)</text></svg>
            """
    }
}
