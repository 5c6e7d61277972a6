public import Foundation

/// A faculty (or school, or department) of an institution; it groups issuers.
public struct Faculty: Codable, Hashable, Sendable {
    /// The institution the faculty belongs to; it never changes.
    public var institutionID: UUID
    /// The name in English and Dutch.
    public var name: LocalizedText
    /// An optional description.
    public var description: LocalizedText?

    enum CodingKeys: String, CodingKey {
        case institutionID = "institution_id"
        case name, description
    }

    /// Creates a faculty.
    public init(institutionID: UUID, name: LocalizedText, description: LocalizedText? = nil) {
        self.institutionID = institutionID
        self.name = name
        self.description = description
    }

    /// Throws the first rule the faculty breaks.
    public func validate() throws(BadgeCoreError) {
        try name.validate(field: "name", maxLength: 255)
        try description?.validate(field: "description", required: false, maxLength: 4000)
    }
}
