import BadgeCore
import BadgeIssuing
import Configuration
import Foundation
import LTI

extension AppConfiguration {
    /// Reads the OpenID Connect providers students sign in with.
    ///
    /// Keys: `students.oidc.providers` lists provider ids (`eduid`); for each id,
    /// `students.oidc.<id>.issuer` (its issuer URL), `.client_id`, `.client_secret` (secret),
    /// `.identity_claim` (the id_token claim naming the student, default `sub`: eduID's pseudonym;
    /// or `eduperson_principal_name`, `email`, …), `.recipient_type` (`id` by default, `email`,
    /// `url`, `telephone`), `.name` (the button's text, default the id) and `.scopes` (default `openid`).
    /// - Throws: ``BadgeServerError`` `.configuration` naming the key of an invalid value.
    static func studentProviders(reader: ConfigReader) throws(BadgeServerError) -> [StudentSignIn.Provider] {
        let ids = reader.stringArray(forKey: "students.oidc.providers", default: [])
            .flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard ids.count <= 20, Set(ids).count == ids.count else {
            throw .configuration("students.oidc.providers", "must list at most 20 different provider ids")
        }
        var providers: [StudentSignIn.Provider] = []
        for id in ids {
            let key = "students.oidc.\(id)"
            guard (1...40).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
                throw .configuration("students.oidc.providers", "a provider id is 1 to 40 lower-case letters, digits and dashes, such as eduid")
            }
            guard let issuerText = reader.string(forKey: ConfigKey("\(key).issuer")), let issuer = URL(string: issuerText),
                ["https", "http"].contains(issuer.scheme ?? ""), issuer.host != nil
            else { throw .configuration("\(key).issuer", "must be the provider's issuer URL, such as https://connect.eduid.nl") }
            guard let clientID = reader.string(forKey: ConfigKey("\(key).client_id")), !clientID.isEmpty, clientID.count <= 255 else {
                throw .configuration("\(key).client_id", "must be the client id registered with the provider")
            }
            guard let secret = reader.string(forKey: ConfigKey("\(key).client_secret"), isSecret: true), !secret.isEmpty, secret.count <= 1_024 else {
                throw .configuration("\(key).client_secret", "must be the client secret registered with the provider")
            }
            let claim = reader.string(forKey: ConfigKey("\(key).identity_claim"), default: "sub")
            guard (1...100).contains(claim.count) else { throw .configuration("\(key).identity_claim", "must name an id_token claim") }
            guard let type = Recipient.IdentityType(rawValue: reader.string(forKey: ConfigKey("\(key).recipient_type"), default: "id")) else {
                throw .configuration("\(key).recipient_type", "must be id, email, url or telephone")
            }
            let openID = OpenIDProvider(
                id: id,
                displayName: reader.string(forKey: ConfigKey("\(key).name"), default: id),
                issuer: issuer,
                clientID: clientID,
                clientSecret: secret,
                identityClaim: claim,
                scopes: reader.stringArray(forKey: ConfigKey("\(key).scopes"), default: ["openid"])
            )
            providers.append(StudentSignIn.Provider(openID: openID, recipientType: type))
        }
        return providers
    }
}
