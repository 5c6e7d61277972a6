import BadgeCore
import Foundation
import Primitives

extension BadgeVerifier {
    /// The issuer as far as verification needs it: its profile and its RevocationList, if any.
    struct IssuerDocuments {
        var profile: JSONValue
        var revocationList: JSONValue?
    }

    /// Resolves the BadgeClass and its Issuer (fetching URLs, taking embedded nodes as they are)
    /// and checks their required fields; records `badge-class` and `issuer`.
    func checkBadgeClassAndIssuer(_ assertion: JSONValue, run: inout VerificationRun) async -> IssuerDocuments? {
        let badgeClass: JSONValue
        do throws(OpenBadgesError) {
            badgeClass = try await resolve(assertion["badge"], "BadgeClass", run: &run)
        } catch {
            run.fail(.badgeClass, error.message)
            return nil
        }
        var problems = Self.missing(["id", "name", "description", "image", "criteria", "issuer"], in: badgeClass)
        if !Self.strings(badgeClass["type"]).contains("BadgeClass") { problems.insert("type BadgeClass", at: 0) }
        guard problems.isEmpty else {
            run.fail(.badgeClass, "the BadgeClass lacks " + problems.joined(separator: ", "))
            return nil
        }
        run.pass(.badgeClass, "BadgeClass \(Self.describe(badgeClass))")

        let profile: JSONValue
        do throws(OpenBadgesError) {
            profile = try await resolve(badgeClass["issuer"], "Issuer profile", run: &run)
        } catch {
            run.fail(.issuer, error.message)
            return nil
        }
        problems = Self.missing(["id", "name", "email"], in: profile)
        let types = Self.strings(profile["type"])
        if !types.contains("Issuer") && !types.contains("Profile") { problems.insert("type Issuer", at: 0) }
        if !Self.isWebURL(profile["url"]?.stringValue ?? "") { problems.append("an http(s) url") }
        guard problems.isEmpty else {
            run.fail(.issuer, "the Issuer profile lacks " + problems.joined(separator: ", "))
            return nil
        }
        var revocationList: JSONValue?
        if let reference = profile["revocationList"] {
            do throws(OpenBadgesError) {
                let list = try await resolve(reference, "RevocationList", run: &run)
                guard Self.strings(list["type"]).contains("RevocationList") else {
                    throw OpenBadgesError(.invalidInput, "its revocationList is not of type RevocationList")
                }
                revocationList = list
            } catch {
                run.fail(.issuer, "the issuer's revocationList is unusable: \(error.message)")
                return nil
            }
        }
        run.pass(.issuer, "Issuer \(Self.describe(profile))")
        (run.badgeClass, run.issuer) = (badgeClass, profile)
        return IssuerDocuments(profile: profile, revocationList: revocationList)
    }

    /// Checks `issuedOn` and `expires`; records `dates` and `expiry`.
    func checkDates(_ assertion: JSONValue, issuedOn: Date?, run: inout VerificationRun) {
        let now = clock.now()
        guard let issuedOn else {
            return run.fail(.dates, "issuedOn is not a timestamp with a timezone")
        }
        guard issuedOn <= now else {
            return run.fail(.dates, "issuedOn \(OpenBadgesDate.string(from: issuedOn)) is in the future")
        }
        guard let value = assertion["expires"] else {
            run.pass(.dates, "issued on \(OpenBadgesDate.string(from: issuedOn))")
            return run.pass(.expiry, "the assertion does not expire")
        }
        guard let expires = OpenBadgesDate.parse(value) else {
            return run.fail(.dates, "expires is not a timestamp with a timezone")
        }
        guard expires > issuedOn else {
            return run.fail(.dates, "expires \(OpenBadgesDate.string(from: expires)) is not after issuedOn")
        }
        run.pass(.dates, "issued on \(OpenBadgesDate.string(from: issuedOn))")
        if expires <= now {
            run.fail(.expiry, "expired on \(OpenBadgesDate.string(from: expires))")
        } else {
            run.pass(.expiry, "expires on \(OpenBadgesDate.string(from: expires))")
        }
    }

    /// Checks `revoked: true`, a 410 answer, and the issuer's RevocationList (entries are ids, or
    /// nodes with `id` or `uid`); records `revocation`.
    func checkRevocation(_ assertion: JSONValue, revocationList: JSONValue?, issuerKnown: Bool, run: inout VerificationRun) {
        let id = assertion["id"]?.stringValue
        let uid = assertion["uid"]?.stringValue
        var reasons: [String] = []
        if run.gone { reasons.append("the assertion URL answers 410 Gone") }
        if assertion["revoked"] == .bool(true) {
            reasons.append("the assertion is marked revoked" + Self.reason(assertion["revocationReason"]))
        }
        let entries = revocationList.map { list in list["revokedAssertions"]?.arrayValue ?? list["revokedAssertions"].map { [$0] } ?? [] } ?? []
        let entry = entries.first { entry in
            switch entry {
            case .string(let listed): return listed == id
            case .object:
                return (id != nil && entry["id"]?.stringValue == id) || (uid != nil && entry["uid"]?.stringValue == uid)
            default: return false
            }
        }
        if let entry { reasons.append("the issuer's RevocationList lists it" + Self.reason(entry["revocationReason"])) }
        if !reasons.isEmpty {
            run.fail(.revocation, reasons.joined(separator: "; "))
        } else if revocationList != nil {
            run.pass(.revocation, "not revoked, and not in the issuer's RevocationList (\(entries.count) entries)")
        } else if issuerKnown {
            run.pass(.revocation, "not revoked (the issuer publishes no RevocationList)")
        }
    }

    private static func reason(_ value: JSONValue?) -> String {
        value?.stringValue.map { ", reason: \(Printable.text($0, limit: 120))" } ?? ""
    }

    private static func missing(_ fields: [String], in node: JSONValue) -> [String] {
        fields.filter { field in
            switch node[field] {
            case nil, .null?: true
            case .string(let text)?: text.isEmpty
            default: false
            }
        }
    }

    private static func describe(_ node: JSONValue) -> String {
        let name = node["name"]?.stringValue.map { " “\(Printable.text($0, limit: 80))”" } ?? ""
        return Printable.text(node["id"]?.stringValue ?? "(embedded)") + name
    }
}
