import BadgeCore
import Foundation

/// The composites the stacking tests share: a 30-EC minor and a Cities of Learning badge.
enum StackingFixtures {
    /// 2026-11-20T10:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_795_168_800)
    static let day: TimeInterval = 86_400

    /// A fixed UUID whose last byte is `n` (no force unwraps).
    static func id(_ n: UInt8, group: UInt8 = 0) -> UUID {
        UUID(uuid: (0, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, group, n))
    }

    static let issuer = id(1, group: 9)
    static let otherIssuer = id(2, group: 9)

    // The minor: Research Methods and Data Ethics (6 EC each) and at least 18 EC of electives.
    static let minor = id(100)
    static let researchMethods = id(1)
    static let dataEthics = id(2)
    static let electives = [id(3), id(4), id(5), id(6), id(7)]
    static let electiveNames = ["Machine Learning", "Visualisation", "Databases", "Statistics", "Language Technology"]

    static let minorRule = StackingRule(
        .allOf([
            .component(.badgeClass(researchMethods)),
            .component(.badgeClass(dataEthics)),
            .minECTS(18, of: electives.map { .component(.badgeClass($0)) }, label: "electives"),
        ])
    )

    // Cities of Learning: at least 5 of 8 process badges.
    static let citiesBadge = id(200)
    static let processBadges = (11...18).map { id(UInt8($0)) }
    static let processNames = ["Explore", "Plan", "Connect", "Create", "Share", "Reflect", "Lead", "Mentor"]

    static let citiesRule = StackingRule(.atLeast(5, of: processBadges.map { .component(.badgeClass($0)) }, label: "process badges"))

    static let catalogue: StackingCatalogue = {
        var classes: [UUID: StackingCatalogue.Entry] = [
            researchMethods: .init(name: "Research Methods", ects: 6),
            dataEthics: .init(name: "Data Ethics", ects: 6),
        ]
        for (id, name) in zip(electives, electiveNames) { classes[id] = .init(name: name, ects: 6) }
        for (id, name) in zip(processBadges, processNames) { classes[id] = .init(name: name) }
        return StackingCatalogue(badgeClasses: classes)
    }()

    /// A held, good credential of a badge class in the catalogue.
    static func held(
        _ badgeClassID: UUID,
        daysAgo: Double = 30,
        expires: Date? = nil,
        revoked: Bool = false,
        issuer: UUID = issuer,
        ects: Double? = nil
    ) -> HeldCredential {
        let entry = catalogue.components[.badgeClass(badgeClassID)]
        return HeldCredential(
            component: .badgeClass(badgeClassID),
            ects: ects ?? entry?.ects,
            issuedOn: now.addingTimeInterval(-daysAgo * day),
            expires: expires,
            isRevoked: revoked,
            issuer: issuer.uuidString.lowercased(),
            assertion: .init(id: "https://badges.test/assertions/\(badgeClassID.uuidString.lowercased())", name: entry?.name ?? "?")
        )
    }
}
