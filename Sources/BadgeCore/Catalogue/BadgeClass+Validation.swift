extension BadgeClass {
    /// The limits the validation enforces, named so that tests and documentation can refer to them.
    public enum Limits {
        /// Micro-credentials carry 3 to 30 EC.
        public static let microCredentialECTS: ClosedRange<Double> = 3...30
        /// Micro-credentials need a study load of at least this many hours.
        public static let microCredentialMinimumStudyLoad = 80
        /// No badge class carries more credit than a master's programme.
        public static let maximumECTS = 240.0
        /// EQF levels.
        public static let eqfLevels: ClosedRange<Int> = 1...8
    }

    /// Throws the first rule of the edubadges model the class breaks, naming the field.
    ///
    /// Base rules apply to every class; the required metadata depends on ``kind``:
    /// `regular` needs learning outcome, EQF and an education programme identifier;
    /// `micro_credential` needs participation, assessment type, quality assurance, learning
    /// outcome, EQF, 3-30 EC in half points and a study load of at least 80 hours.
    public func validate() throws(BadgeCoreError) {
        try validateBase()
        switch kind {
        case .regular:
            try require(learningOutcome, "learning_outcome")
            try require(eqf, "eqf")
            if (educationProgramIdentifiers ?? []).isEmpty {
                throw .invalid("education_program_identifier", "a regular badge class needs an education_program_identifier")
            }
        case .microCredential:
            try require(learningOutcome, "learning_outcome")
            try require(eqf, "eqf")
            try require(participation, "participation")
            try require(assessmentType, "assessment_type")
            try require(qualityAssurance, "quality_assurance")
            guard let ects else { throw missing("ects") }
            guard Limits.microCredentialECTS.contains(ects) else {
                throw .invalid("ects", "a micro-credential carries 3 to 30 EC; \(ects.formatted) is outside that range")
            }
            guard let studyLoad else { throw missing("study_load") }
            guard studyLoad >= Limits.microCredentialMinimumStudyLoad else {
                throw .invalid("study_load", "a micro-credential needs a study load of at least 80 hours; \(studyLoad) is less")
            }
        case .extraCurricular:
            break
        }
    }

    private func validateBase() throws(BadgeCoreError) {
        try name.validate(field: "name", maxLength: 255)
        try description.validate(field: "description", maxLength: 10_000)
        if criteria.narrative == nil && criteria.url == nil {
            throw .invalid("criteria", "criteria needs a narrative or a url")
        }
        try criteria.narrative?.validate(field: "criteria.narrative", maxLength: 10_000)
        if let url = criteria.url { try Validation.requireWebURL(url, field: "criteria.url") }
        if let imageURL { try Validation.requireWebURL(imageURL, field: "image_url") }
        guard language.count == 5, language.split(separator: "_").map(\.count) == [2, 2],
            language.prefix(2).allSatisfy(\.isLowercase), language.suffix(2).allSatisfy(\.isUppercase)
        else { throw .invalid("language", "language must look like nl_NL or en_EN") }
        if let ects {
            guard ects > 0, ects <= Limits.maximumECTS else {
                throw .invalid("ects", "ects must be more than 0 and at most \(Limits.maximumECTS.formatted)")
            }
            guard (ects * 2).rounded() == ects * 2 else {
                throw .invalid("ects", "ects must be a multiple of 0.5; \(ects.formatted) is not")
            }
        }
        if let eqf, !Limits.eqfLevels.contains(eqf) {
            throw .invalid("eqf", "eqf must be a level from 1 to 8")
        }
        if let learningOutcome {
            try Validation.requireText(learningOutcome, field: "learning_outcome", maxLength: 10_000)
        }
        if let ids = educationProgramIdentifiers, ids.contains(where: { $0 <= 0 }) || ids.count > 20 {
            throw .invalid("education_program_identifier", "education_program_identifier must be up to 20 positive numbers")
        }
        if let studyLoad, studyLoad <= 0 || studyLoad > 10_000 {
            throw .invalid("study_load", "study_load must be between 1 and 10000 hours")
        }
        if let timeInvestment, timeInvestment <= 0 || timeInvestment > 10_000 {
            throw .invalid("time_investment", "time_investment must be between 1 and 10000 hours")
        }
        if let qualityAssurance {
            try Validation.requireText(qualityAssurance.name, field: "quality_assurance.name", maxLength: 255)
            try Validation.requireWebURL(qualityAssurance.url, field: "quality_assurance.url")
            try Validation.requireText(qualityAssurance.description, field: "quality_assurance.description", maxLength: 4000)
        }
        try validateAlignmentsAndTags()
    }

    private func validateAlignmentsAndTags() throws(BadgeCoreError) {
        if alignments.count > 50 { throw .invalid("alignments", "at most 50 alignments are allowed") }
        for (index, alignment) in alignments.enumerated() {
            try Validation.requireText(alignment.targetName, field: "alignments[\(index)].target_name", maxLength: 255)
            try Validation.requireWebURL(alignment.targetURL, field: "alignments[\(index)].target_url")
        }
        if tags.count > 30 { throw .invalid("tags", "at most 30 tags are allowed") }
        for (index, tag) in tags.enumerated() {
            try Validation.requireText(tag, field: "tags[\(index)]", maxLength: 64)
        }
    }

    private func require(_ value: (some Any)?, _ field: String) throws(BadgeCoreError) {
        if value == nil { throw missing(field) }
    }

    private func missing(_ field: String) -> BadgeCoreError {
        .invalid(field, "a \(kind.rawValue) badge class needs \(field)")
    }
}

extension Double {
    /// `6` for whole numbers, `2.5` otherwise: how EC values read in messages and pages.
    package var formatted: String {
        rounded() == self ? String(Int(self)) : String(self)
    }
}
