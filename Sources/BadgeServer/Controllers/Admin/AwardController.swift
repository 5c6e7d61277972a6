import BadgeCore
import BadgeStorage
import Crypto
import Foundation
import Hummingbird
import NIOCore
import OpenBadges

/// Awarding and revoking: `POST /api/v1/badge-classes/{id}/assertions` (one award or a batch of
/// up to 10,000, each all-or-nothing, idempotent per badge class and recipient),
/// `GET /api/v1/assertions/{id}` and `POST /api/v1/assertions/{id}/revoke`.
struct AwardController: Sendable {
    let catalog: any CatalogStore
    let assertions: SQLAssertionStore
    let awarder: Awarder
    let idempotency: IdempotencyKeys
    let clock: any TimeSource

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.on(Route.award, use: award)
        group.on(Route.showAssertion, use: show)
        group.on(Route.revokeAssertion, use: revoke)
    }

    @Sendable func award(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let badgeClass = try await liveBadgeClass(try context.parameters.uuid("id"))
        try principal.requireWrite(.badgeClass, institution: badgeClass.institutionID)
        let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
        return try await idempotency.respond(to: request, body: body, principal: principal) {
            let input = try context.requestDecoder.decode(AwardRequest.self, from: body)
            guard !input.awards.isEmpty, input.awards.count <= AwardRequest.maximumBatch else {
                throw BadgeCoreError.invalid("awards", "a batch holds 1 to \(AwardRequest.maximumBatch) awards")
            }
            let results = try await awarder.award(input.awards, of: badgeClass, actor: "key:\(principal.keyID)", failFast: !input.isBatch)
            if input.isBatch {
                let counts = Dictionary(grouping: results, by: \.status).mapValues(\.count)
                let batch = BatchResponse(
                    results: results,
                    created: counts["created"] ?? 0,
                    existing: counts["existing"] ?? 0,
                    failed: counts["failed"] ?? 0
                )
                return (.ok, try JSONResponse.encode(batch))
            }
            return (results[0].status == "created" ? .created : .ok, try JSONResponse.encode(results[0]))
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard let found = try await assertions.find(id: try context.parameters.uuid("id")),
            let institutionID = found.institutionID
        else { throw BadgeCoreError(.notFound, "no assertion with that id") }
        guard principal.canRead(institution: institutionID) else { throw BadgeCoreError(.forbidden, "that assertion belongs to another institution") }
        return try JSONResponse.make(found.assertion)
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.uuid("id")
        guard let found = try await assertions.find(id: id), let institutionID = found.institutionID else {
            throw BadgeCoreError(.notFound, "no assertion with that id")
        }
        try principal.requireWrite(.badgeClass, institution: institutionID)
        let body = try await JSONBody.object(from: request, context: context)
        guard let reason = body["reason"] as? String, !reason.allSatisfy(\.isWhitespace), reason.count <= 500 else {
            throw BadgeCoreError.invalid("reason", "revoking needs a reason of 1 to 500 characters")
        }
        guard let revoked = try await assertions.revoke(id: id, reason: reason, at: clock.now(), actor: "key:\(principal.keyID)") else {
            throw BadgeCoreError(.notFound, "no assertion with that id")
        }
        return try JSONResponse.make(revoked)
    }

    private func liveBadgeClass(_ id: UUID) async throws -> Record<BadgeClass> {
        guard let record = try await catalog.find(BadgeClass.self, id: id) else { throw BadgeCoreError(.notFound, "no badge class with that id") }
        guard !record.isArchived else { throw BadgeCoreError(.conflict, "the badge class is archived and awards nothing") }
        return record
    }

    struct BatchResponse: Encodable {
        let results: [AwardResult]
        let created, existing, failed: Int
    }
}

/// JSON responses with ISO 8601 dates and sorted keys.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, contentType: String = "application/json") throws -> Response {
        Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encode(value))))
    }

    /// The JSON bytes of `value`.
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
