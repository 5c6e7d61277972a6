import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import NIOCore
import OpenBadges

/// Awarding and revoking: `POST /api/v1/badge-classes/{id}/assertions` (one award or a batch of
/// up to 10,000, each all-or-nothing, idempotent per badge class and recipient),
/// `GET /api/v1/assertions/{id}` and `POST /api/v1/assertions/{id}/revoke`.
struct AwardController: Sendable {
    let assertions: any AssertionStore
    let credentialNumbers: any CredentialNumberStore
    let awarder: Awarder
    let revoker: Revoker
    let idempotency: IdempotencyKeys

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.on(Route.award, use: award)
        group.on(Route.showAssertion, use: show)
        group.on(Route.revokeAssertion, use: revoke)
    }

    @Sendable func award(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let badgeClass = try await awarder.liveBadgeClass(id: try context.parameters.uuid("id"))
        try principal.requireWrite(.badgeClass, institution: badgeClass.institutionID)
        let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
        return try await idempotency.respond(to: request, body: body, principal: principal) {
            let input = try context.requestDecoder.decode(AwardRequest.self, from: body)
            guard !input.awards.isEmpty, input.awards.count <= AwardRequest.maximumBatch else {
                throw BadgeCoreError.invalid("awards", "a batch holds 1 to \(AwardRequest.maximumBatch) awards")
            }
            var results = try await awarder.award(input.awards, of: badgeClass, actor: "key:\(principal.keyID)", failFast: !input.isBatch)
            let numbers = try await credentialNumbers.numbers(for: results.compactMap { $0.assertionID.flatMap(UUID.init(uuidString:)) })
            for index in results.indices {
                results[index].credentialNumber = results[index].assertionID.flatMap(UUID.init(uuidString:)).flatMap { numbers[$0]?.description }
            }
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
        let number = found.assertion.isErased ? nil : try await credentialNumbers.numbers(for: [found.assertion.id])[found.assertion.id]
        return try JSONResponse.make(NumberedAssertion(assertion: found.assertion, credentialNumber: number))
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.uuid("id")
        guard let found = try await assertions.find(id: id), let institutionID = found.institutionID else {
            throw BadgeCoreError(.notFound, "no assertion with that id")
        }
        try principal.requireWrite(.badgeClass, institution: institutionID)
        let body = try await JSONBody.object(from: request, context: context)
        let revoked = try await revoker.revoke(id: id, reason: body["reason"] as? String ?? "", actor: "key:\(principal.keyID)")
        return try JSONResponse.make(revoked)
    }

    /// An assertion as the API shows it: its fields and its credential number.
    struct NumberedAssertion: Encodable {
        let assertion: Assertion
        let credentialNumber: CredentialNumber?

        enum CodingKeys: String, CodingKey {
            case credentialNumber = "credential_number"
        }

        func encode(to encoder: any Encoder) throws {
            try assertion.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(credentialNumber, forKey: .credentialNumber)
        }
    }

    struct BatchResponse: Encodable {
        let results: [AwardResult]
        let created, existing, failed: Int
    }
}
