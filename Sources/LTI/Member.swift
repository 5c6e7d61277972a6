/// One member of a context as Names and Role Provisioning Services 2.0 lists them.
public struct Member: Hashable, Sendable, Codable {
    /// The platform user id (`sub` of launches).
    public var userID: String
    /// `status` (`Active`, `Inactive`, `Deleted`).
    public var status: String?
    /// `name`.
    public var name: String?
    /// `given_name`.
    public var givenName: String?
    /// `family_name`.
    public var familyName: String?
    /// `email`.
    public var email: String?
    /// `lis_person_sourcedid`.
    public var personSourcedID: String?
    /// Role URIs.
    public var roles: [String]

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", status, name, givenName = "given_name", familyName = "family_name", email
        case personSourcedID = "lis_person_sourcedid", roles
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        userID = try container.decode(String.self, forKey: .userID)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        givenName = try container.decodeIfPresent(String.self, forKey: .givenName)
        familyName = try container.decodeIfPresent(String.self, forKey: .familyName)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        personSourcedID = try container.decodeIfPresent(String.self, forKey: .personSourcedID)
        roles = try container.decodeIfPresent([String].self, forKey: .roles) ?? []
    }
}
