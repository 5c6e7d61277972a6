import BadgeCore
import CLibXML2
import Foundation

/// Maps the elements of one `europassCredential` onto edubadges values, marking what it uses.
struct EDCICredentialTranslator {
    let reader: ImportReader
    let credential: xmlNodePtr

    /// The id of the credential's issuer organisation (`cred:issuer/@idref`).
    var issuerID: String? {
        reader.child(credential, "issuer").flatMap { XMLNodes.attribute($0, "idref") }
    }

    func translate(signature: EDCISignatureVerification) throws(EDCIError) -> EDCIImport {
        let cred = EDCIImporter.credNamespace
        reader.use(credential)
        guard let id = reader.attribute(credential, "id", namespace: cred),
            let issued = ImportReader.date(reader.value(reader.child(credential, "issued")))
        else {
            throw EDCIError(.unsupportedDocument, "The credential has no cred:id or cred:issued")
        }
        _ = reader.attribute(credential, "xsdVersion")
        var credentialType: String?
        if let type = reader.child(credential, "type") {
            credentialType = XMLNodes.attribute(type, "uri")
            reader.useSubtree(type)
        }
        let primary = reader.value(reader.child(credential, "primaryLanguage")) ?? "en"
        if let languages = reader.child(credential, "availableLanguages") { reader.useSubtree(languages) }
        for container in ["learningSpecificationReferences", "learningOutcomeReferences", "agentReferences", "awardingProcessReferences"] {
            reader.child(credential, container).map { reader.use($0) }
        }

        let issuerNode = reader.resolve(reader.child(credential, "issuer"))
        let issuer = issuerNode.map(organization) ?? EDCIOrganization(id: "")
        let institutionNode = issuerNode.flatMap { reader.resolve(reader.child($0, "unitOf")) }
        let institution = institutionNode.map(organization)
        // `hasUnit` pointing back at the issuer is the inverse of `unitOf`: nothing is lost.
        for unit in institutionNode.map({ reader.children($0, "hasUnit") }) ?? [] where XMLNodes.attribute(unit, "idref") == issuer.id {
            reader.use(unit, attributes: ["idref"])
        }

        var badgeClass: EDCIBadgeClassDraft
        let subject = reader.child(credential, "credentialSubject")
        let firstAchievement = subject.flatMap { reader.child($0, "achievements") }.flatMap { achievements in
            reader.use(achievements)
            return reader.child(achievements, "learningAchievement")
        }
        if let firstAchievement {
            badgeClass = achievement(firstAchievement, primaryLanguage: primary)
        } else {
            badgeClass = EDCIBadgeClassDraft()
            badgeClass.language = Self.edubadgesLanguage(primary)
        }
        // The credential's own title and description fill what the achievement left empty.
        let title = reader.localized(reader.child(credential, "title"))
        let description = reader.localized(reader.child(credential, "description"))
        if badgeClass.name.isEmpty { badgeClass.name = title }
        if badgeClass.description.isEmpty { badgeClass.description = description }

        return EDCIImport(
            credentialID: id,
            credentialType: credentialType,
            issuedOn: issued,
            validFrom: ImportReader.date(reader.value(reader.child(credential, "validFrom"))),
            validUntil: ImportReader.date(reader.value(reader.child(credential, "validUntil"))),
            badgeClass: badgeClass,
            issuer: issuer,
            institution: institution,
            learner: subject.map(learner) ?? EDCILearner(id: ""),
            signature: signature,
            diagnostics: []
        )
    }

    static func edubadgesLanguage(_ code: String) -> String {
        code.lowercased().hasPrefix("nl") ? "nl_NL" : "en_EN"
    }

    private func learner(_ subject: xmlNodePtr) -> EDCILearner {
        reader.use(subject)
        var learner = EDCILearner(id: reader.attribute(subject, "id") ?? "")
        learner.identifiers = identifiers(subject)
        if let contact = reader.child(subject, "contactPoint"), let mailBox = reader.child(contact, "mailBox") {
            reader.use(contact)
            reader.use(mailBox, attributes: ["uri"])
            learner.email = XMLNodes.attribute(mailBox, "uri").map { String($0.dropFirst("mailto:".count)) }
        }
        learner.fullName = reader.anyText(reader.child(subject, "fullName"))
        learner.givenNames = reader.anyText(reader.child(subject, "givenNames"))
        learner.familyName = reader.anyText(reader.child(subject, "familyName"))
        return learner
    }

    func identifiers(_ node: xmlNodePtr) -> [EDCIIdentifier] {
        reader.children(node, "identifier").map { element in
            let scheme = XMLNodes.attribute(element, "schemeID")
            return EDCIIdentifier(scheme: scheme, value: reader.value(element) ?? "")
        }
    }

    private func organization(_ node: xmlNodePtr) -> EDCIOrganization {
        reader.use(node)
        var organization = EDCIOrganization(id: reader.attribute(node, "id") ?? "")
        organization.name = reader.localized(reader.child(node, "prefLabel"))
        organization.identifiers = identifiers(node)
        if let registration = reader.child(node, "registration") {
            let scheme = XMLNodes.attribute(registration, "schemeID") ?? "registration"
            organization.identifiers.append(EDCIIdentifier(scheme: scheme, value: reader.value(registration) ?? ""))
        }
        if let homepage = reader.child(node, "homepage") {
            organization.homepage = reader.attribute(homepage, "uri")
            reader.use(homepage)
        }
        if let contact = reader.child(node, "contactPoint"), let mailBox = reader.child(contact, "mailBox") {
            reader.use(contact)
            reader.use(mailBox, attributes: ["uri"])
            organization.email = XMLNodes.attribute(mailBox, "uri").map { String($0.dropFirst("mailto:".count)) }
        }
        if let location = reader.child(node, "hasLocation"), let address = reader.child(location, "hasAddress"),
            let country = reader.child(address, "country"), let uri = XMLNodes.attribute(country, "uri")
        {
            reader.use(location)
            reader.use(address)
            reader.useSubtree(country)
            organization.country = EDCIVocabulary.alpha2(forCountryURI: uri) ?? uri
        }
        return organization
    }
}
