import BadgeCore
import CLibXML2
import Foundation

extension EDCICredentialTranslator {
    /// A `learningAchievement` with its specification, assessment grade and parts.
    func achievement(_ node: xmlNodePtr, primaryLanguage: String) -> EDCIBadgeClassDraft {
        reader.use(node)
        var draft = EDCIBadgeClassDraft()
        draft.achievementID = reader.attribute(node, "id")
        draft.language = Self.edubadgesLanguage(primaryLanguage)
        draft.identifiers = identifiers(node)
        draft.name = reader.localized(reader.child(node, "title"))
        draft.description = reader.localized(reader.child(node, "description"))
        if let assessment = reader.child(node, "wasDerivedFrom") {
            reader.use(assessment, attributes: ["id"])
            draft.grade = reader.value(reader.child(assessment, "grade"))
            _ = reader.value(reader.child(assessment, "issuedDate"))
            // A title repeating the achievement's, and an assessor that is the issuer, lose nothing.
            if let title = reader.child(assessment, "title"), assessmentTitleRepeats(title, achievement: node) {
                reader.useSubtree(title)
            }
            for assessor in reader.children(assessment, "assessedBy") where XMLNodes.attribute(assessor, "idref") == issuerID {
                reader.use(assessor, attributes: ["idref"])
            }
        }
        if let process = reader.resolve(reader.child(node, "wasAwardedBy")) {
            reader.use(process, attributes: ["id"])
            reader.children(process, "awardingBody").forEach { _ = reader.resolve($0) }
            _ = reader.value(reader.child(process, "date"))
        }
        for container in reader.children(node, "hasPart") {
            reader.use(container)
            draft.parts += reader.children(container, "learningAchievement").map { achievement($0, primaryLanguage: primaryLanguage) }
        }
        if let specification = reader.resolve(reader.child(node, "specifiedBy")) {
            apply(specification, to: &draft)
        }
        return draft
    }

    /// Reads a `qualification` or `learningSpecification` into the draft.
    private func apply(_ specification: xmlNodePtr, to draft: inout EDCIBadgeClassDraft) {
        reader.use(specification, attributes: ["id"])
        draft.specificationID = XMLNodes.attribute(specification, "id")
        draft.identifiers += identifiers(specification)
        let title = reader.localized(reader.child(specification, "title"))
        if draft.name.isEmpty { draft.name = title }
        let description = reader.localized(reader.child(specification, "description"))
        if draft.description.isEmpty { draft.description = description }
        for note in reader.children(specification, "additionalNote") {
            let subjects = reader.children(note, "subject")
            guard subjects.count == 1, XMLNodes.text(subjects[0]) == EDCIVocabulary.criteriaSubject else { continue }
            _ = reader.value(subjects[0])
            draft.criteria.narrative = reader.localized(note)
        }
        if let homepage = reader.child(specification, "homepage") {
            reader.use(homepage)
            draft.criteria.url = reader.attribute(homepage, "uri")
        }
        if let volume = reader.child(specification, "volumeOfLearning"), let hours = Self.hours(XMLNodes.text(volume)) {
            reader.use(volume)
            draft.studyLoad = hours
        }
        if let ects = reader.child(specification, "hasECTSCreditPoints"), let value = Double(XMLNodes.text(ects).trimmed) {
            _ = reader.value(ects)
            draft.ects = value
        }
        if let language = reader.child(specification, "language"), let uri = XMLNodes.attribute(language, "uri") {
            let code = uri.split(separator: "/").last.map(String.init)
            if code == "NLD" || code == "ENG" {
                reader.useSubtree(language)
                draft.language = code == "NLD" ? "nl_NL" : "en_EN"
            }
        }
        if let outcomes = reader.child(specification, "learningOutcomes") {
            reader.use(outcomes)
            let lines = reader.children(outcomes, "learningOutcome").compactMap { reference -> String? in
                guard let outcome = reader.resolve(reference) else { return nil }
                reader.use(outcome, attributes: ["id"])
                let label = reader.localized(reader.child(outcome, "prefLabel"))
                let text = label.preferred(draft.language)
                return text.isEmpty ? nil : text
            }
            if !lines.isEmpty { draft.learningOutcome = lines.count == 1 ? lines[0] : lines.map { "- " + $0 }.joined(separator: "\n") }
        }
        if let eqf = reader.child(specification, "eqfLevel"), let uri = XMLNodes.attribute(eqf, "uri"),
            let level = Int(uri.replacingOccurrences(of: EDCIVocabulary.eqfLevelPrefix, with: "")), (1...8).contains(level)
        {
            reader.useSubtree(eqf)
            draft.eqf = level
        }
        // The specification-level parts mirror the achievement-level parts read above.
        reader.children(specification, "hasPart").forEach { reader.use($0, attributes: ["idref"]) }
    }

    private func assessmentTitleRepeats(_ title: xmlNodePtr, achievement: xmlNodePtr) -> Bool {
        guard let own = reader.child(achievement, "title") else { return false }
        let texts = { (node: xmlNodePtr) in XMLNodes.elements(node).map { "\(XMLNodes.attribute($0, "lang") ?? "")=\(XMLNodes.text($0))" } }
        return texts(title) == texts(own)
    }

    /// Whole hours from an `xs:duration` written in hours only (`PT80H`).
    static func hours(_ duration: String) -> Int? {
        let trimmed = duration.trimmed
        guard trimmed.hasPrefix("PT"), trimmed.hasSuffix("H") else { return nil }
        return Int(trimmed.dropFirst(2).dropLast())
    }
}
