import Foundation
import Primitives

extension BadgeVerifier {
    /// The assertion to verify: the JWS payload (signed) or the document served at its `id`
    /// (hosted). Records `algorithm` or `hosted`, and `assertion` when it cannot be had; a JWS
    /// (given, or served at a given URL) goes into `run.jws`.
    func obtainAssertion(_ payload: AssertionPayload, run: inout VerificationRun) async -> JSONValue? {
        switch payload {
        case .jws(let jws):
            run.method = .signed
            run.jws = jws
            return decodeJWS(jws, run: &run)
        case .url(let url):
            let document: FetchedDocument
            do throws(OpenBadgesError) {
                document = try await fetch(url.absoluteString, allowGone: true, run: &run)
            } catch {
                run.fail(.assertion, error.message)
                return nil
            }
            let text = String(decoding: document.body, as: UTF8.self)
            if document.status != 410, case .jws(let jws)? = try? AssertionPayload.recognize(text, maximumBytes: limits.maximumTextBytes) {
                run.method = .signed
                run.jws = jws
                return decodeJWS(jws, run: &run)
            }
            return await hostedAssertion(served: document, from: url.absoluteString, given: nil, run: &run)
        case .json(let document):
            guard verificationMethod(of: document, run: &run) == .hosted else { return nil }
            guard let id = document["id"]?.stringValue else {
                run.fail(.assertion, "a hosted assertion needs an id URL")
                return nil
            }
            let served: FetchedDocument
            do throws(OpenBadgesError) {
                served = try await fetch(id, allowGone: true, run: &run)
            } catch {
                run.method = .hosted
                run.fail(.hosted, "the assertion's id URL cannot be fetched: \(error.message)")
                return nil
            }
            return await hostedAssertion(served: served, from: id, given: document, run: &run)
        }
    }

    /// Checks that `served`, fetched from `url`, is the hosted assertion (and, for a baked or
    /// pasted copy, the same one as `given`); follows a differing `id` once.
    private func hostedAssertion(served: FetchedDocument, from url: String, given: JSONValue?, run: inout VerificationRun) async -> JSONValue? {
        run.gone = served.status == 410
        guard let document = try? JSONValue.decode(served.body, maxBytes: limits.maximumDocumentBytes), document.objectValue != nil else {
            run.method = .hosted
            if run.gone {
                run.fail(.revocation, "the assertion URL answers 410 Gone")
            } else {
                run.fail(.assertion, "\(url) does not serve assertion JSON or a JWS")
            }
            return nil
        }
        guard verificationMethod(of: document, run: &run) == .hosted else { return nil }
        guard let id = document["id"]?.stringValue else {
            run.fail(.assertion, "a hosted assertion needs an id URL")
            return nil
        }
        var authoritative = document
        if id != url {
            // As the OB 2.0 verifier does: the declared id wins, and must serve itself.
            do throws(OpenBadgesError) {
                let again = try await fetch(id, allowGone: true, run: &run)
                run.gone = again.status == 410
                authoritative = try JSONValue.decode(again.body, maxBytes: limits.maximumDocumentBytes)
            } catch {
                run.fail(.hosted, "the assertion declares id \(id), which cannot be fetched: \(error.message)")
                return nil
            }
            guard authoritative["id"]?.stringValue == id else {
                run.fail(.hosted, "the document at \(id) does not declare that id")
                return nil
            }
        }
        if let given {
            let same = ["id", "badge", "recipient", "issuedOn"].allSatisfy { given[$0] == authoritative[$0] }
            guard same else {
                run.fail(.hosted, "the assertion at its id URL differs from the one given (id, badge, recipient or issuedOn)")
                return nil
            }
            run.pass(.hosted, "its id URL serves the same assertion")
        } else {
            run.pass(.hosted, id == url ? "served at its own id URL" : "fetched again from its declared id \(id)")
        }
        return authoritative
    }

    /// `hosted` or `signed` from `verification.type`, recording a mismatch with a JWS input.
    private func verificationMethod(of document: JSONValue, run: inout VerificationRun) -> VerificationReport.Method? {
        switch document["verification"]?["type"]?.stringValue {
        case "HostedBadge", "hosted":
            run.method = .hosted
            return .hosted
        case "SignedBadge", "signed":
            run.method = .signed
            run.fail(.assertion, "this is a SignedBadge assertion: verify its JWS, or a baked image that holds the JWS")
            return .signed
        default:
            run.fail(.assertion, "verification.type must be HostedBadge or SignedBadge")
            return nil
        }
    }

    /// The payload of a compact JWS with an RS256 header; records `algorithm`.
    private func decodeJWS(_ jws: String, run: inout VerificationRun) -> JSONValue? {
        let parts = jws.split(separator: ".", omittingEmptySubsequences: false)
        guard jws.utf8.count <= AssertionVerifier.maximumLength, parts.count == 3,
            let headerData = Base64URL.decode(parts[0]), let payloadData = Base64URL.decode(parts[1]),
            let header = try? JSONValue.decode(headerData, maxBytes: 4096), let payload = try? JSONValue.decode(payloadData),
            payload.objectValue != nil
        else {
            run.fail(.assertion, "the JWS is not three base64url parts with a JSON header and an assertion payload")
            return nil
        }
        guard let algorithm = header["alg"]?.stringValue, algorithm == "RS256" else {
            let named = header["alg"]?.stringValue.map { "alg \(Printable.text($0, limit: 16))" } ?? "a header without alg"
            run.fail(.algorithm, "\(named) is refused: only RS256 is accepted")
            return nil
        }
        run.pass(.algorithm, "the JWS header names RS256")
        return payload
    }

    /// Checks `@context`, `type`, `id`, `recipient`, `badge`, `verification` and `issuedOn`.
    func checkAssertionFields(_ assertion: JSONValue, run: inout VerificationRun) -> Bool {
        var problems: [String] = []
        if !Self.strings(assertion["@context"]).contains(OpenBadgesDocuments.context) {
            problems.append("@context is not \(OpenBadgesDocuments.context)")
        }
        if !Self.strings(assertion["type"]).contains("Assertion") { problems.append("type is not Assertion") }
        let id = assertion["id"]?.stringValue ?? ""
        if !(Self.isWebURL(id) || id.lowercased().hasPrefix("urn:uuid:")) { problems.append("id is not an http(s) URL or urn:uuid") }
        let recipient = assertion["recipient"]
        if recipient?["identity"]?.stringValue == nil || recipient?["type"]?.stringValue == nil {
            problems.append("recipient needs type and identity")
        }
        if case .bool? = recipient?["hashed"] {} else { problems.append("recipient.hashed must be true or false") }
        switch assertion["badge"] {
        case .string?, .object?: break
        default: problems.append("badge is missing")
        }
        let type = assertion["verification"]?["type"]?.stringValue
        let expected = run.method == .signed ? ["SignedBadge", "signed"] : ["HostedBadge", "hosted"]
        if !expected.contains(type ?? "") { problems.append("verification.type is not \(expected[0])") }
        if assertion["issuedOn"] == nil { problems.append("issuedOn is missing") }
        guard problems.isEmpty else {
            run.fail(.assertion, problems.joined(separator: "; "))
            return false
        }
        run.assertionID = id
        run.pass(.assertion, "an Open Badges 2.0 Assertion, id \(Printable.text(id))")
        return true
    }

    /// A string, or the strings of an array.
    static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let text)?: [text]
        case .array(let items)?: items.compactMap(\.stringValue)
        default: []
        }
    }

    /// Whether `text` is an absolute http(s) URL.
    static func isWebURL(_ text: String) -> Bool {
        (try? WebURL.parse(text)) != nil
    }
}
