import BadgeCore
import BadgeIssuing
import Foundation
import Hummingbird
import LTI
import NIOCore
import OpenBadges

/// `POST /lti/scores`: an AGS score pushed by an LMS plugin or grading tool for a watched line
/// item, authenticated by the platform's signed bearer JWT whose `jti` is spent once.
///
/// Order: size and media type, token (signature, addressing, lifetime), the score's shape, the
/// watching rule, and only then the `jti` — so that nothing is stored for a refused request.
struct ScoreController: Sendable {
    /// The largest score body accepted.
    static let maximumBody = 16 * 1024

    let verifier: ServiceTokenVerifier
    let replay: any ReplayGuard
    let rules: any OutcomeRuleStore
    let intake: GradeIntake
    let urls: PublicURLs
    let clock: any TimeSource

    func addRoutes(to router: Router<AppRequestContext>) {
        router.on(Route.ltiScores, use: receive)
    }

    @Sendable func receive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let contentType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard contentType == AGSClient.scoreType || contentType == "application/json" else {
            throw HTTPError(.unsupportedMediaType, message: "post the score as \(AGSClient.scoreType)")
        }
        let body = try await request.body.collect(upTo: Self.maximumBody)
        let verified = try await verifier.verify(authorization: request.headers[.authorization])
        let query = request.uri.queryParameters
        guard let contextID = query.get("context_id"), !contextID.isEmpty else {
            throw BadgeCoreError.invalid("context_id", "name the course with the context_id query parameter")
        }
        let score: PushedScore
        do {
            score = try JSONDecoder.iso8601.decode(PushedScore.self, from: Data(body.readableBytesView))
        } catch {
            throw BadgeCoreError.invalid(
                DecodingFailure.field(of: error) ?? "score",
                "the body is not an AGS score: \(DecodingFailure.describe(error))"
            )
        }
        let event = OutcomeEvent(
            platform: .init(issuer: verified.platform.issuer, clientID: verified.platform.clientID),
            contextID: contextID,
            lineItemURL: query.get("line_item"),
            resourceLinkID: query.get("resource_link_id"),
            userID: score.userId,
            scoreGiven: score.scoreGiven,
            scoreMaximum: score.scoreMaximum,
            activityProgress: score.activityProgress,
            gradingProgress: score.gradingProgress,
            timestamp: score.timestamp,
            comment: score.comment,
            source: .agsScore
        )
        try event.validate()
        guard let (rule, badgeClass) = try await rules.ruleAndBadgeClass(watching: event) else {
            throw BadgeCoreError(.notFound, "no outcome rule watches this line item of the course", field: "line_item")
        }
        guard
            try await replay.firstUse(
                scope: "score-jti",
                value: Digest.sha256Hex(verified.platform.issuer + "\n" + verified.jwtID),
                expiresAt: verified.expiresAt,
                now: clock.now()
            )
        else {
            throw LTIError(.replayedNonce, "The token's jti was used before; sign a new token for every request.")
        }
        let receipt = try await intake.receive(event, rule: rule, badgeClass: badgeClass)
        return try JSONResponse.make(GradeReceiptResponse(receipt, urls: urls))
    }
}

/// The AGS Score JSON (`application/vnd.ims.lis.v1.score+json`).
struct PushedScore: Decodable {
    var userId: String
    var scoreGiven: Double?
    var scoreMaximum: Double?
    var comment: String?
    var timestamp: Date
    var activityProgress: OutcomeEvent.ActivityProgress
    var gradingProgress: OutcomeEvent.GradingProgress
}

extension JSONDecoder {
    /// A decoder for ISO 8601 timestamps with or without fractional seconds.
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            for style in [Date.ISO8601FormatStyle(includingFractionalSeconds: true), Date.ISO8601FormatStyle()] {
                if let date = try? style.parse(text) { return date }
            }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "timestamp must be ISO 8601"))
        }
        return decoder
    }
}
