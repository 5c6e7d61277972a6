public import Foundation

/// An issuer: the organisational unit whose name and keys appear on the credentials it awards.
public struct Issuer: Codable, Hashable, Sendable {
    /// The faculty the issuer belongs to; it never changes.
    public var facultyID: UUID
    /// The name in English and Dutch.
    public var name: LocalizedText
    /// What the issuer is, in English and Dutch.
    public var description: LocalizedText?
    /// The issuer's public web page.
    public var url: String
    /// A contact address, published in the Open Badges issuer profile.
    public var email: String
    /// An image (logo) URL.
    public var imageURL: String?

    enum CodingKeys: String, CodingKey {
        case facultyID = "faculty_id"
        case name, description, url, email
        case imageURL = "image_url"
    }

    /// Creates an issuer.
    public init(
        facultyID: UUID,
        name: LocalizedText,
        description: LocalizedText? = nil,
        url: String,
        email: String,
        imageURL: String? = nil
    ) {
        self.facultyID = facultyID
        self.name = name
        self.description = description
        self.url = url
        self.email = email
        self.imageURL = imageURL
    }

    /// Throws the first rule the issuer breaks.
    public func validate() throws(BadgeCoreError) {
        try name.validate(field: "name", maxLength: 255)
        try description?.validate(field: "description", required: false, maxLength: 4000)
        try Validation.requireWebURL(url, field: "url")
        try Validation.requireEmail(email, field: "email")
        if let imageURL { try Validation.requireWebURL(imageURL, field: "image_url") }
    }
}
