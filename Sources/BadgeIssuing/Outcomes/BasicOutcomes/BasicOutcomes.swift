public import BadgeCore
public import Foundation
public import LTI
public import OpenBadges

/// The LTI 1.1 Basic Outcomes service: a grade source posts `replaceResult`, `readResult` or
/// `deleteResult` for a `lis_result_sourcedid` badged handed out, signed with OAuth 1.0a
/// HMAC-SHA1 and `oauth_body_hash` under a configured consumer key and secret.
///
/// Trust failures (signature, body hash, timestamp, nonce, unknown consumer) throw ``LTIError``
/// and store nothing; everything after them is answered in the POX envelope, as LMSs do (a
/// score outside 0.0–1.0 is `failure`, an operation badged does not offer `unsupported`).
public struct BasicOutcomes: Sendable {
    let consumers: any BasicOutcomeConsumerStore
    let rules: any OutcomeRuleStore
    let events: any OutcomeEventStore
    let intake: GradeIntake
    let encryption: KeyEncryption
    let verifier: OAuth1Verifier
    let ids: any IDGenerator
    let clock: any TimeSource

    /// Creates the service.
    public init(
        consumers: any BasicOutcomeConsumerStore,
        rules: any OutcomeRuleStore,
        events: any OutcomeEventStore,
        intake: GradeIntake,
        encryption: KeyEncryption,
        replay: any ReplayGuard,
        ids: any IDGenerator,
        clock: any TimeSource
    ) {
        self.consumers = consumers
        self.rules = rules
        self.events = events
        self.intake = intake
        self.encryption = encryption
        self.verifier = OAuth1Verifier(nonces: ReplayGuardNonces(replay: replay, clock: clock))
        self.ids = ids
        self.clock = clock
    }

    /// The sourcedid of a rule's result for a platform user (what a launch or the API hands out).
    public func sourcedID(ruleID: UUID, userID: String) -> String {
        ResultSourcedID(ruleID: ruleID, userID: userID).encoded(key: encryption.derivedKey(for: "lti11-sourcedid"))
    }

    /// Creates a consumer for an institution and returns its secret (shown once, stored sealed).
    public func createConsumer(key: String, institutionID: UUID, random: any RandomSource) async throws -> String {
        guard !key.isEmpty, key.count <= 255, key.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw BadgeCoreError.invalid("consumer_key", "a consumer key is 1 to 255 printable ASCII characters")
        }
        let secret = Base64URL.encode(random.bytes(32))
        let sealed = try encryption.seal(Data(secret.utf8), context: "lti11-consumer:" + key)
        try await consumers.create(BasicOutcomeConsumer(key: key, sealedSecret: sealed, institutionID: institutionID), at: clock.now())
        return secret
    }

    /// Answers one request.
    /// - Returns: the `imsx_POXEnvelopeResponse` document.
    /// - Throws: ``LTIError`` for requests that fail authentication or are not POX at all.
    public func handle(method: String, url: URL, authorization: String?, body: Data) async throws -> String {
        guard body.count <= BasicOutcomeReader.maximumBytes else {
            throw LTIError(.invalidRequest, "A POX message is at most \(BasicOutcomeReader.maximumBytes) bytes.")
        }
        let consumerKey = try await verifier.verify(method: method, url: url, authorization: authorization, body: body, now: clock.now()) { key in
            guard let consumer = try await consumers.consumer(key: key) else { return nil }
            return String(decoding: try encryption.open(consumer.sealedSecret, context: "lti11-consumer:" + key), as: UTF8.self)
        }
        let request = try BasicOutcomeReader.read(body)
        let answer = try await answer(request, consumerKey: consumerKey)
        return answer.xml
    }

    private func answer(_ request: BasicOutcomeRequest, consumerKey: String) async throws -> BasicOutcomeResponse {
        let messageID = ids.makeID().uuidString.lowercased()
        func reply(_ code: BasicOutcomeResponse.CodeMajor, _ text: String, _ body: BasicOutcomeResponse.Body = .empty) -> BasicOutcomeResponse {
            BasicOutcomeResponse(answering: request, messageIdentifier: messageID, codeMajor: code, description: text, body: body)
        }
        if case .unsupported(let name) = request.operation { return reply(.unsupported, "\(name) is not supported; badged receives results only.") }
        guard let sourced = ResultSourcedID(decoding: request.sourcedID, key: encryption.derivedKey(for: "lti11-sourcedid")) else {
            return reply(.failure, "The sourcedId is not one badged handed out, or it was altered.")
        }
        guard let consumer = try await consumers.consumer(key: consumerKey), let rule = try await rules.find(id: sourced.ruleID),
            rule.institutionID == consumer.institutionID
        else { return reply(.failure, "The sourcedId names no result of an outcome rule of this consumer's institution.") }
        let match = rule.rule.match
        var event = OutcomeEvent(
            platform: .init(issuer: match.issuer, clientID: match.clientID),
            contextID: match.contextID,
            lineItemURL: match.lineItem,
            resourceLinkID: match.resourceLinkID,
            itemTitle: rule.rule.title,
            userID: sourced.userID,
            timestamp: clock.now(),
            source: .lti11Outcome
        )
        switch request.operation {
        case .replaceResult(let score, let text):
            guard let score, score.isFinite else { return reply(.failure, "resultScore must be a decimal number such as 0.92.") }
            guard BasicOutcomeRequest.isInOutcomeRange(score) else { return reply(.failure, "resultScore must be from 0.0 to 1.0.") }
            (event.scoreGiven, event.scoreMaximum, event.activityProgress, event.gradingProgress) = (score, 1, .completed, .fullyGraded)
            event.comment = text
            let receipt = try await intake.receive(event, rule: rule)
            return reply(.success, "Score \(score) received. \(receipt.reason)", .replaceResult)
        case .deleteResult:
            // A deleted result is a grade not yet given: the rule judges it not ready, and a badge issued earlier stays.
            event.gradingProgress = .notReady
            let receipt = try await intake.receive(event, rule: rule)
            return reply(.success, "Result deleted. \(receipt.reason)", .deleteResult)
        case .readResult:
            let learnerKey = LearnerIdentity.key(issuer: match.issuer, userID: sourced.userID)
            let latest = try await events.latest(ruleID: rule.id, learnerKey: learnerKey)
            return reply(
                .success,
                latest?.event.ratio == nil ? "No score is recorded." : "The latest recorded score.",
                .readResult(score: latest?.event.ratio)
            )
        case .unsupported:
            return reply(.unsupported, "Not supported.")
        }
    }
}
