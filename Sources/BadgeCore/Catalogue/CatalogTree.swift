public import Foundation

/// A whole institution with everything under it, ready to store in one transaction.
///
/// Built from a nested catalogue file (see `Samples/catalog/`) by ``init(importing:ids:now:)``.
/// Each record's `parent_id` names a record earlier in the tree.
public struct CatalogTree: Sendable {
    /// The institution.
    public var institution: Record<Institution>
    /// Its faculties.
    public var faculties: [Record<Faculty>]
    /// The issuers of those faculties.
    public var issuers: [Record<Issuer>]
    /// The badge classes of those issuers.
    public var badgeClasses: [Record<BadgeClass>]

    /// The largest catalogue file accepted.
    public static let maximumFileSize = 4 * 1024 * 1024

    /// Parses and validates a nested catalogue file.
    ///
    /// The file is `{"institution": {…institution fields…, "faculties": [{…, "issuers": [{…,
    /// "badge_classes": [{…}]}]}]}}`; parent references are implied by nesting.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - ids: makes the new records' identifiers.
    ///   - now: the creation time of every record.
    /// - Throws: ``BadgeCoreError`` `.validation` whose field is the path of the offending value,
    ///   such as `institution.faculties[0].issuers[0].badge_classes[5].ects`.
    public init(importing data: Data, ids: some IDGenerator, now: Date) throws(BadgeCoreError) {
        guard data.count <= Self.maximumFileSize else {
            throw .invalid("file", "the catalogue file is larger than \(Self.maximumFileSize / 1024 / 1024) MiB")
        }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let node = root["institution"] as? [String: Any]
        else { throw .invalid("institution", "the file must be a JSON object with an \"institution\" object") }

        let institutionID = ids.makeID()
        institution = Record(
            id: institutionID,
            institutionID: institutionID,
            content: try Self.decode(Institution.self, node, dropping: "faculties", path: "institution"),
            createdAt: now
        )
        faculties = []
        issuers = []
        badgeClasses = []
        for (f, facultyNode) in try Self.children(node, "faculties", path: "institution").enumerated() {
            let facultyPath = "institution.faculties[\(f)]"
            let faculty = Record(
                id: ids.makeID(),
                institutionID: institutionID,
                content: try Self.decode(
                    Faculty.self,
                    facultyNode,
                    dropping: "issuers",
                    parent: ("institution_id", institutionID),
                    path: facultyPath
                ),
                createdAt: now
            )
            faculties.append(faculty)
            for (i, issuerNode) in try Self.children(facultyNode, "issuers", path: facultyPath).enumerated() {
                let issuerPath = "\(facultyPath).issuers[\(i)]"
                let issuer = Record(
                    id: ids.makeID(),
                    institutionID: institutionID,
                    content: try Self.decode(
                        Issuer.self,
                        issuerNode,
                        dropping: "badge_classes",
                        parent: ("faculty_id", faculty.id),
                        path: issuerPath
                    ),
                    createdAt: now
                )
                issuers.append(issuer)
                for (b, classNode) in try Self.children(issuerNode, "badge_classes", path: issuerPath).enumerated() {
                    badgeClasses.append(
                        Record(
                            id: ids.makeID(),
                            institutionID: institutionID,
                            content: try Self.decode(
                                BadgeClass.self,
                                classNode,
                                parent: ("issuer_id", issuer.id),
                                path: "\(issuerPath).badge_classes[\(b)]"
                            ),
                            createdAt: now
                        )
                    )
                }
            }
        }
    }

    private static func children(_ node: [String: Any], _ key: String, path: String) throws(BadgeCoreError) -> [[String: Any]] {
        guard let value = node[key] else { return [] }
        guard let list = value as? [[String: Any]] else { throw .invalid("\(path).\(key)", "\(key) must be a list of objects") }
        return list
    }

    private static func decode<Content: CatalogContent>(
        _ type: Content.Type,
        _ node: [String: Any],
        dropping childKey: String? = nil,
        parent: (key: String, id: UUID)? = nil,
        path: String
    ) throws(BadgeCoreError) -> Content {
        var fields = node
        if let childKey { fields[childKey] = nil }
        if let parent { fields[parent.key] = parent.id.uuidString }
        let content: Content
        do {
            let json = try JSONSerialization.data(withJSONObject: fields)
            content = try JSONDecoder().decode(Content.self, from: json)
        } catch {
            throw .invalid(path, "\(path) is not a valid \(Content.kind.rawValue): \(DecodingFailure.describe(error))")
        }
        do {
            try content.validate()
        } catch {
            throw BadgeCoreError(error.code, error.message, field: "\(path).\(error.field ?? "")")
        }
        return content
    }
}
