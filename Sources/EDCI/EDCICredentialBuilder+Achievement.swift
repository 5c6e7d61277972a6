import BadgeCore
import Foundation

extension EDCICredentialBuilder {
    /// A `learningAchievement` with its assessment, awarding process and specification; the
    /// components of a composite become complete achievements inside one `hasPart`.
    mutating func learningAchievement(_ achievement: Achievement, index: Int, components: [Achievement]) throws(EDCIError) -> XMLTree {
        let badgeClass = achievement.badgeClass
        let field = index == 0 ? "achievement" : "components[\(index - 1)]"
        var children: [XMLTree] = [
            XMLTree("identifier", [("schemeID", EDCIVocabulary.Scheme.assertion)], text: achievement.assertionID),
            XMLTree("title", children: texts(badgeClass.name)),
        ]
        if !badgeClass.description.isEmpty {
            children.append(XMLTree("description", children: texts(badgeClass.description)))
        }
        if let grade = achievement.grade, !grade.isEmpty {
            children.append(
                XMLTree(
                    "wasDerivedFrom",
                    [("id", "urn:badged:assessment:\(index)")],
                    children: [
                        XMLTree("title", children: texts(badgeClass.name)),
                        XMLTree("grade", text: grade),
                        XMLTree("issuedDate", text: Self.dateTime(achievement.issuedOn)),
                        XMLTree("assessedBy", [("idref", Self.issuerID)]),
                    ]
                )
            )
        }
        let awardingID = "urn:badged:awarding-process:\(index)"
        awardingProcesses.append(
            XMLTree(
                "awardingProcess",
                [("id", awardingID)],
                children: [XMLTree("awardingBody", [("idref", Self.issuerID)]), XMLTree("date", text: Self.dateTime(achievement.issuedOn))]
            )
        )
        children.append(XMLTree("wasAwardedBy", [("idref", awardingID)]))
        var componentSpecifications: [String] = []
        if !components.isEmpty {
            var parts: [XMLTree] = []
            for (offset, component) in components.enumerated() {
                parts.append(try learningAchievement(component, index: index + offset + 1, components: []))
                componentSpecifications.append("urn:badged:specification:\(index + offset + 1)")
            }
            children.append(XMLTree("hasPart", children: parts))
        }
        let specificationID = "urn:badged:specification:\(index)"
        specifications.append(specification(achievement, id: specificationID, index: index, field: field, parts: componentSpecifications))
        children.append(XMLTree("specifiedBy", [("idref", specificationID)]))
        return XMLTree("learningAchievement", [("id", "urn:badged:achievement:\(index)")], children: children)
    }

    /// A `qualification` when the class has an EQF level (only qualifications carry one),
    /// otherwise a `learningSpecification`.
    private mutating func specification(_ achievement: Achievement, id: String, index: Int, field: String, parts: [String]) -> XMLTree {
        let badgeClass = achievement.badgeClass
        var children: [XMLTree] = []
        if let badgeClassID = achievement.badgeClassID {
            children.append(XMLTree("identifier", [("schemeID", EDCIVocabulary.Scheme.badgeClass)], text: badgeClassID))
        }
        for program in badgeClass.educationProgramIdentifiers ?? [] {
            children.append(XMLTree("identifier", [("schemeID", EDCIVocabulary.Scheme.croho)], text: String(program)))
        }
        children.append(XMLTree("title", children: texts(badgeClass.name)))
        if !badgeClass.description.isEmpty {
            children.append(XMLTree("description", children: texts(badgeClass.description)))
        }
        if let narrative = badgeClass.criteria.narrative, !narrative.isEmpty {
            children.append(XMLTree("additionalNote", children: texts(narrative) + [XMLTree("subject", text: EDCIVocabulary.criteriaSubject)]))
        }
        if let url = badgeClass.criteria.url {
            if url.hasPrefix("https://") || url.hasPrefix("http://") {
                children.append(XMLTree("homepage", [("uri", url)]))
            } else {
                note("\(field).badge_class.criteria.url", "EDCI homepages must be http(s) URLs; '\(url)' was left out")
            }
        }
        if let studyLoad = badgeClass.studyLoad {
            children.append(XMLTree("volumeOfLearning", text: "PT\(studyLoad)H"))
        }
        if let ects = badgeClass.ects {
            children.append(XMLTree("hasECTSCreditPoints", text: Self.decimal(ects)))
        }
        if let language = languageCode(badgeClass.language, field: field) {
            children.append(language)
        }
        if let outcome = badgeClass.learningOutcome, !outcome.trimmed.isEmpty {
            let outcomeID = "urn:badged:learning-outcome:\(index)"
            learningOutcomes.append(
                XMLTree(
                    "learningOutcome",
                    [("id", outcomeID)],
                    children: [XMLTree("prefLabel", children: [Self.text(outcome, lang: primaryLanguage)])]
                )
            )
            children.append(XMLTree("learningOutcomes", children: [XMLTree("learningOutcome", [("idref", outcomeID)])]))
        }
        if let eqf = badgeClass.eqf {
            children.append(
                XMLTree(
                    "eqfLevel",
                    [("targetFrameworkUrl", EDCIVocabulary.eqfFramework), ("uri", EDCIVocabulary.eqfLevelPrefix + String(eqf))],
                    children: [
                        XMLTree("targetName", children: [Self.text("Level \(eqf)", lang: "en")]),
                        XMLTree("targetFrameworkName", children: [Self.text("European Qualifications Framework", lang: "en")]),
                    ]
                )
            )
        }
        children += parts.map { XMLTree("hasPart", [("idref", $0)]) }
        noteUnmapped(badgeClass, field: field)
        return XMLTree(badgeClass.eqf == nil ? "learningSpecification" : "qualification", [("id", id)], children: children)
    }

    private mutating func languageCode(_ language: String, field: String) -> XMLTree? {
        let key = String(language.lowercased().prefix(2))
        guard let entry = EDCIVocabulary.languages[key] else {
            note("\(field).badge_class.language", "the language '\(language)' has no EU authority code in badged; it was left out")
            return nil
        }
        return XMLTree(
            "language",
            [
                ("targetFrameworkUrl", EDCIVocabulary.languageFramework), ("targetNotation", "language"),
                ("uri", EDCIVocabulary.languageFramework + "/" + entry.code),
            ],
            children: [XMLTree("targetName", children: [Self.text(entry.name, lang: "en")])]
        )
    }

    /// Badge class metadata with no EDCI element.
    private mutating func noteUnmapped(_ badgeClass: BadgeClass, field: String) {
        let path = "\(field).badge_class"
        note("\(path).badge_class_type", "EDCI has no badge class type; '\(badgeClass.kind.rawValue)' was not exported")
        if badgeClass.imageURL != nil { note("\(path).image_url", "EDCI embeds images as base64 content; the image URL was not exported") }
        if badgeClass.timeInvestment != nil { note("\(path).time_investment", "EDCI has no time investment; it was not exported") }
        if let participation = badgeClass.participation {
            note("\(path).participation", "participation '\(participation.rawValue)' has no EDCI learning-mode code in badged; not exported")
        }
        if let type = badgeClass.assessmentType { note("\(path).assessment_type", "assessment type '\(type.rawValue)' was not exported") }
        if badgeClass.qualityAssurance != nil {
            note("\(path).quality_assurance", "EDCI accreditation records are not produced; quality assurance was not exported")
        }
        if !badgeClass.alignments.isEmpty { note("\(path).alignments", "\(badgeClass.alignments.count) alignment(s) were not exported") }
        if !badgeClass.tags.isEmpty { note("\(path).tags", "EDCI has no tags; \(badgeClass.tags.count) tag(s) were not exported") }
    }
}
