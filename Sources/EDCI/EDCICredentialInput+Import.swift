import BadgeCore
import Foundation

extension EDCICredentialInput {
    /// The input that exports an imported credential again (EDCI → edubadges → EDCI): its badge
    /// class, issuer, institution (the issuer's `unitOf`, else the issuer itself), learner and
    /// dates. Values edubadges requires but EDCI lacks get neutral stand-ins: a BRIN from the
    /// organisation's first short identifier (else `EU`), and placeholder URLs and e-mail.
    public init(imported: EDCIImport) {
        let organization = imported.institution ?? imported.issuer
        let brin =
            organization.identifiers.map(\.value).first { value in
                (2...8).contains(value.count) && value.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
            } ?? "EU"
        let institution = Institution(
            identifier: organization.id,
            brin: brin,
            name: organization.name,
            country: organization.country ?? "EU",
            kind: .wo,
            defaultLanguage: String(imported.badgeClass.language.prefix(2))
        )
        let issuer = Issuer(
            facultyID: .unattached,
            name: imported.issuer.name,
            url: imported.issuer.homepage ?? imported.issuer.id,
            email: imported.issuer.email ?? ""
        )
        let learner = Learner(
            identifier: imported.learner.identifiers.first?.value ?? imported.learner.id,
            identifierScheme: imported.learner.identifiers.first?.scheme,
            givenNames: imported.learner.givenNames,
            familyName: imported.learner.familyName,
            email: imported.learner.email
        )
        let badgeClass = imported.badgeClass.makeBadgeClass(issuerID: .unattached, kind: .regular)
        self.init(
            institution: institution,
            issuer: issuer,
            learner: learner,
            achievement: Achievement(
                badgeClass: badgeClass,
                badgeClassID: imported.badgeClass.achievementID,
                assertionID: imported.credentialID,
                issuedOn: imported.issuedOn,
                grade: imported.badgeClass.grade
            ),
            components: imported.badgeClass.parts.map { part in
                Achievement(
                    badgeClass: part.makeBadgeClass(issuerID: .unattached, kind: .regular),
                    badgeClassID: part.achievementID,
                    assertionID: imported.credentialID,
                    issuedOn: imported.issuedOn,
                    grade: part.grade
                )
            },
            expires: imported.validUntil
        )
    }
}
