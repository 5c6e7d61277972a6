import Foundation
import Primitives
import _CryptoExtras

extension BadgeVerifier {
    /// Fetches the CryptographicKey at `verification.creator` and checks the RS256 signature;
    /// records `key` and `signature`. Returns the key when the signature verifies.
    func checkSignature(_ jws: String, assertion: JSONValue, issuedOn: Date?, run: inout VerificationRun) async -> (id: String, document: JSONValue)?
    {
        guard let creator = assertion["verification"]?["creator"]?.stringValue else {
            run.fail(.key, "verification.creator names no CryptographicKey")
            return nil
        }
        let document: JSONValue
        do throws(OpenBadgesError) {
            // An issuer stops publishing a revoked (compromised) key: badged answers 410 Gone.
            let fetched = try await fetch(creator, allowGone: true, run: &run)
            guard fetched.status != 410 else {
                run.fail(.key, "the key \(Printable.text(creator)) was revoked by its issuer (it answers 410 Gone): its signatures are invalid")
                return nil
            }
            document = try JSONValue.decode(fetched.body, maxBytes: limits.maximumDocumentBytes)
        } catch {
            run.fail(.key, "the key \(Printable.text(creator)) cannot be fetched: \(error.message)")
            return nil
        }
        var problems: [String] = []
        if !Self.strings(document["type"]).contains("CryptographicKey") { problems.append("its type is not CryptographicKey") }
        if document["id"]?.stringValue != creator { problems.append("it declares a different id") }
        if document["revoked"] == .bool(true) { problems.append("it is marked revoked") }
        if let expires = document["expires"] {
            if let date = OpenBadgesDate.parse(expires) {
                if let issuedOn, date <= issuedOn {
                    problems.append("it expired on \(OpenBadgesDate.string(from: date)), before the assertion was issued")
                }
            } else {
                problems.append("its expires is not a valid timestamp")
            }
        }
        guard problems.isEmpty, let pem = document["publicKeyPem"]?.stringValue else {
            run.fail(
                .key,
                "the key \(Printable.text(creator)) is unusable: "
                    + (problems.isEmpty ? ["it has no publicKeyPem"] : problems).joined(separator: "; ")
            )
            return nil
        }
        do throws(OpenBadgesError) {
            let key = try AssertionVerifier.rsaPublicKey(pem: pem)
            run.pass(.key, "CryptographicKey \(Printable.text(creator)), RSA \(key.keySizeInBits) bits")
            try AssertionVerifier.verifyRS256(jws, with: key)
        } catch {
            if error.code == .signatureInvalid {
                run.fail(
                    .signature,
                    "the RS256 signature does not verify with \(Printable.text(creator)): the JWS was altered or signed by another key"
                )
            } else {
                run.fail(.key, "the key \(Printable.text(creator)) is unusable: \(error.message)")
            }
            return nil
        }
        run.pass(.signature, "the RS256 signature verifies with \(Printable.text(creator))")
        return (creator, document)
    }

    /// Checks that the verified key's `owner` is the issuer and the issuer's `publicKey` lists it;
    /// records `key-owner`.
    func checkKeyOwner(issuer: JSONValue, run: inout VerificationRun) {
        guard let key = run.key else { return }
        let issuerID = issuer["id"]?.stringValue ?? ""
        let listed = Self.ids(issuer["publicKey"])
        if let owner = key.document["owner"]?.stringValue, owner != issuerID {
            run.fail(.keyOwner, "the key's owner is \(Printable.text(owner)), not the issuer \(Printable.text(issuerID))")
        } else if key.document["owner"]?.stringValue == nil {
            run.fail(.keyOwner, "the key names no owner")
        } else if !listed.contains(key.id) {
            // After a rotation the profile lists only the current key (1EdTech's verifier takes one);
            // earlier keys stay published on the issuer's own origin for copies signed before.
            if let origin = WebURL.authority(issuerID), WebURL.authority(key.id) == origin {
                let current = listed.isEmpty ? "none" : listed.map { Printable.text($0) }.joined(separator: ", ")
                run.pass(
                    .keyOwner,
                    "signed with an older key of the issuer: owned by it and still published at \(Printable.text(key.id)), "
                        + "but no longer in its publicKey (now \(current)); the issuer has rotated keys since, and its current copy is signed anew"
                )
            } else {
                run.fail(.keyOwner, "the issuer's publicKey does not list \(Printable.text(key.id))")
            }
        } else {
            run.pass(.keyOwner, "the key is owned by the issuer and listed in its publicKey (\(listed.count) key\(listed.count == 1 ? "" : "s"))")
        }
    }

    /// Checks a hosted assertion's `id` against the issuer's verification policy: `startsWith`,
    /// and `allowedOrigins` (by default the origin of the issuer's `id`); records `origin`.
    func checkOrigin(_ assertion: JSONValue, issuer: JSONValue, run: inout VerificationRun) {
        let id = assertion["id"]?.stringValue ?? ""
        let policy = issuer["verification"]
        let prefixes = Self.strings(policy?["startsWith"])
        var origins = Self.strings(policy?["allowedOrigins"]).map { $0.lowercased() }
        if origins.isEmpty, let issuerOrigin = WebURL.authority(issuer["id"]?.stringValue ?? "") { origins = [issuerOrigin] }
        guard prefixes.isEmpty || prefixes.contains(where: id.hasPrefix) else {
            return run.fail(.origin, "the id does not start with the issuer's verification.startsWith")
        }
        guard let origin = WebURL.authority(id), origins.contains(origin) else {
            let allowed = origins.map { Printable.text($0, limit: 80) }.joined(separator: ", ")
            return run.fail(.origin, "the assertion is not hosted in the issuer's allowed origins (\(allowed))")
        }
        run.pass(.origin, "hosted at \(origin), an allowed origin of the issuer" + (prefixes.isEmpty ? "" : ", under its startsWith"))
    }

    /// The ids of a value that is one id, one node, or a list of either.
    static func ids(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let id)?: [id]
        case .object?: value?["id"]?.stringValue.map { [$0] } ?? []
        case .array(let items)?: items.flatMap { ids($0) }
        default: []
        }
    }
}
