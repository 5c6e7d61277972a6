public import BadgeCore
import Foundation
import Primitives

/// Verifies any Open Badges 2.0 assertion, whoever issued it, and reports what it checked.
///
/// The input is a hosted assertion URL, a compact JWS, assertion JSON, or a baked PNG/SVG
/// holding one of those. The verifier follows the OB 2.0 verification steps: hosted assertions
/// are fetched from their `id` and must lie within the issuer's verification policy; signed ones
/// must be RS256 JWS verified with the CryptographicKey at `verification.creator`, owned by the
/// issuer and listed in its `publicKey`. The BadgeClass and Issuer must be available with their
/// required fields; dates, expiry, revocation (`revoked: true`, HTTP 410, the issuer's
/// RevocationList) and, when given, the recipient identity are checked.
///
/// It does no I/O of its own: documents come from the injected ``DocumentFetcher``, only for
/// http(s) URLs, at most ``Limits/maximumFetches`` of them, each at most
/// ``Limits/maximumDocumentBytes``. The clock is injected.
public struct BadgeVerifier<Fetcher: DocumentFetcher>: Sendable {
    /// Bounds on input and network use.
    public struct Limits: Sendable {
        /// The most documents fetched for one verification.
        public var maximumFetches: Int
        /// The largest fetched document.
        public var maximumDocumentBytes: Int
        /// The largest text input or baked payload.
        public var maximumTextBytes: Int
        /// The largest image input.
        public var maximumImageBytes: Int

        /// Creates limits; the defaults suit any real badge.
        public init(
            maximumFetches: Int = 12,
            maximumDocumentBytes: Int = 256 << 10,
            maximumTextBytes: Int = 256 << 10,
            maximumImageBytes: Int = 8 << 20
        ) {
            self.maximumFetches = maximumFetches
            self.maximumDocumentBytes = maximumDocumentBytes
            self.maximumTextBytes = maximumTextBytes
            self.maximumImageBytes = maximumImageBytes
        }
    }

    let fetcher: Fetcher
    let clock: any TimeSource
    let limits: Limits

    /// Creates a verifier.
    /// - Parameters:
    ///   - fetcher: fetches documents and keys over HTTP.
    ///   - clock: the current time, for `issuedOn` and `expires`.
    ///   - limits: bounds on input size and fetches.
    public init(fetcher: Fetcher, clock: any TimeSource, limits: Limits = Limits()) {
        self.fetcher = fetcher
        self.clock = clock
        self.limits = limits
    }

    /// Verifies an assertion.
    /// - Parameters:
    ///   - input: the assertion in any supported form.
    ///   - recipient: an identity (e-mail address, URL, telephone number or id) to match against
    ///     the assertion's recipient; the report says only whether it matched.
    /// - Returns: the report; it never throws, every problem is a failed check.
    public func verify(_ input: VerificationInput, recipient: String? = nil) async -> VerificationReport {
        var run = VerificationRun()
        await verify(input, recipient: recipient, run: &run)
        return VerificationReport(checks: run.checks, method: run.method, assertionID: run.assertionID, credential: run.credential)
    }

    private func verify(_ input: VerificationInput, recipient: String?, run: inout VerificationRun) async {
        let payload: AssertionPayload
        do throws(OpenBadgesError) {
            let read = try InputReader(maximumTextBytes: limits.maximumTextBytes, maximumImageBytes: limits.maximumImageBytes).read(input)
            payload = read.payload
            run.pass(.input, read.form)
        } catch {
            return run.fail(.input, error.message)
        }
        guard let assertion = await obtainAssertion(payload, run: &run) else { return }
        guard checkAssertionFields(assertion, run: &run) else { return }
        let issuedOn = assertion["issuedOn"].flatMap(OpenBadgesDate.parse)
        if run.method == .signed, let jws = run.jws {
            run.key = await checkSignature(jws, assertion: assertion, issuedOn: issuedOn, run: &run)
        }
        let issuer = await checkBadgeClassAndIssuer(assertion, run: &run)
        if let issuer {
            switch run.method {
            case .hosted: checkOrigin(assertion, issuer: issuer.profile, run: &run)
            case .signed: checkKeyOwner(issuer: issuer.profile, run: &run)
            case nil: break
            }
        }
        checkDates(assertion, issuedOn: issuedOn, run: &run)
        if let badgeClass = run.badgeClass, let profile = run.issuer {
            run.credential = VerifiedCredential(assertion: assertion, badgeClass: badgeClass, issuer: profile)
        }
        checkRevocation(assertion, revocationList: issuer?.revocationList, issuerKnown: issuer != nil, run: &run)
        if let recipient {
            let match = RecipientMatcher.match(recipient, against: assertion["recipient"] ?? .null)
            match.matched ? run.pass(.recipient, match.detail) : run.fail(.recipient, match.detail)
        } else {
            run.skip(.recipient, "no recipient identity given")
        }
    }

    /// Fetches a document, at most once per URL and at most ``Limits/maximumFetches`` in all.
    /// - Parameter allowGone: return a 410 response instead of failing (hosted revocation).
    func fetch(_ urlText: String, allowGone: Bool = false, run: inout VerificationRun) async throws(OpenBadgesError) -> FetchedDocument {
        let url = try WebURL.parse(urlText)
        let key = url.absoluteString
        if let cached = run.fetched[key] { return try Self.accept(cached, url: key, allowGone: allowGone) }
        guard run.fetchCount < limits.maximumFetches else {
            throw OpenBadgesError(.tooLarge, "more than \(limits.maximumFetches) documents would be fetched")
        }
        run.fetchCount += 1
        let document: FetchedDocument
        do {
            document = try await fetcher.get(url, maximumBytes: limits.maximumDocumentBytes)
        } catch let error as OpenBadgesError {
            throw error
        } catch {
            throw OpenBadgesError(.unavailable, "could not fetch \(key): \(error)", cause: error)
        }
        guard document.body.count <= limits.maximumDocumentBytes else {
            throw OpenBadgesError(.tooLarge, "\(key) is larger than \(limits.maximumDocumentBytes) bytes")
        }
        run.fetched[key] = document
        return try Self.accept(document, url: key, allowGone: allowGone)
    }

    private static func accept(_ document: FetchedDocument, url: String, allowGone: Bool) throws(OpenBadgesError) -> FetchedDocument {
        if (200..<300).contains(document.status) || (allowGone && document.status == 410) { return document }
        throw OpenBadgesError(.unavailable, "\(url) answered HTTP \(document.status)")
    }

    /// Fetches a JSON document.
    func fetchJSON(_ url: String, run: inout VerificationRun) async throws(OpenBadgesError) -> JSONValue {
        let document = try await fetch(url, run: &run)
        return try JSONValue.decode(document.body, maxBytes: limits.maximumDocumentBytes)
    }

    /// A node given by URL (fetched) or embedded; `what` names it in errors.
    func resolve(_ value: JSONValue?, _ what: String, run: inout VerificationRun) async throws(OpenBadgesError) -> JSONValue {
        switch value {
        case .string(let url)?:
            let document = try await fetchJSON(url, run: &run)
            guard document["id"]?.stringValue == url else {
                throw OpenBadgesError(.invalidInput, "the \(what) fetched from \(url) declares a different id")
            }
            return document
        case .object?:
            return value ?? .null
        default:
            throw OpenBadgesError(.invalidInput, "the \(what) is neither a URL nor an embedded document")
        }
    }
}
