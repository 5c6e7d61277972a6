import BadgeCore
import Foundation
import OpenBadges
import Testing

/// Fixed inputs so that documents and signatures are byte-stable.
enum Fixture {
    /// This file's directory.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The repository root (3 levels up from Tests/OpenBadgesTests/<File>.swift).
    static let repositoryRoot = directory.deletingLastPathComponent().deletingLastPathComponent()
    /// The shared third-party files, beside the repository.
    static let shared = repositoryRoot.appendingPathComponent("../shared").standardizedFileURL

    static let issuedOn = Date(timeIntervalSince1970: 1_768_471_200)  // 2026-01-15T10:00:00Z
    static let salt = "0123456789abcdef0123456789abcdef"
    static let institutionID = uuid(1)
    static let facultyID = uuid(2)
    static let issuerID = uuid(3)
    static let badgeClassID = uuid(4)
    static let assertionID = uuid(5)

    /// A version 7 UUID ending in `last`.
    static func uuid(_ last: UInt8) -> UUID {
        UUID(uuid: (0x01, 0x92, 0xF3, 0xA0, 0, 0, 0x70, 0, 0x80, 0, 0, 0, 0, 0, 0, last))
    }

    static func urls(_ base: String = "http://127.0.0.1:8080") throws -> PublicURLs {
        try PublicURLs(baseURL: base)
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relativePath), encoding: .utf8)
    }

    static func signingKey(_ id: String = "test-2026", file: String = "Fixtures/test-signing-key.pem") throws -> SigningKey {
        try SigningKey(id: id, privateKeyPEM: try text(file))
    }

    static let institution = Institution(
        identifier: "uva.nl",
        brin: "21PK",
        name: LocalizedText(en: "University of Amsterdam", nl: "Universiteit van Amsterdam"),
        kind: .wo,
        defaultLanguage: "en",
        gradingTableURL: "https://www.uva.nl/grading-table"
    )

    static let issuer = Record(
        id: issuerID,
        institutionID: institutionID,
        content: Issuer(
            facultyID: facultyID,
            name: LocalizedText(en: "Faculty of Science", nl: "Faculteit der Natuurwetenschappen"),
            description: LocalizedText(en: "Issues science badges."),
            url: "https://www.uva.nl/science",
            email: "badges@uva.nl"
        ),
        createdAt: issuedOn
    )

    static var badgeClassContent: BadgeClass {
        var badge = BadgeClass(
            issuerID: issuerID,
            kind: .regular,
            name: LocalizedText(en: "Linear Algebra", nl: "Lineaire Algebra"),
            description: LocalizedText(en: "Vectors, matrices and maps."),
            criteria: .init(narrative: LocalizedText(en: "Pass the exam with at least 5.5."), url: "https://www.uva.nl/la/criteria"),
            language: "en_EN"
        )
        badge.ects = 2.5
        badge.eqf = 6
        badge.learningOutcome = "Solve linear systems."
        badge.educationProgramIdentifiers = [56604]
        badge.studyLoad = 70
        badge.tags = ["mathematics"]
        badge.alignments = [.init(targetName: "linear algebra", targetURL: "http://data.europa.eu/esco/skill/abc", targetFramework: "ESCO")]
        return badge
    }

    static var badgeClass: Record<BadgeClass> {
        Record(id: badgeClassID, institutionID: institutionID, content: badgeClassContent, createdAt: issuedOn)
    }

    static let alice = Recipient(type: .email, identity: " Alice@Example.org ")

    static func assertion(_ verification: Assertion.Verification = .hosted, id: UUID = assertionID) -> Assertion {
        Assertion(
            id: id,
            badgeClassID: badgeClassID,
            issuerID: issuerID,
            recipient: RecipientHasher.hash(alice, salt: salt),
            issuedOn: issuedOn,
            evidence: [.init(url: "https://lms.example.org/grades/1", narrative: "Exam grade 8.0")],
            narrative: "Passed the final exam.",
            grade: "8.0",
            verification: verification
        )
    }
}

/// Compares `actual` with the golden file `Golden/<name>`; writes it instead when
/// `BADGED_UPDATE_GOLDEN=1` (then inspect the diff before committing).
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = Fixture.directory.appendingPathComponent("Golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["BADGED_UPDATE_GOLDEN"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "differs from Golden/\(name)", sourceLocation: sourceLocation)
}
