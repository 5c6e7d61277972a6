/// What happened to one award.
public struct AwardResult: Encodable, Sendable {
    /// The input's position.
    public var index: Int
    /// `created`, `existing` or `failed`.
    public var status: String
    /// The assertion's id (created or already held).
    public var assertionID: String?
    /// The hosted assertion URL.
    public var url: String?
    /// The signed assertion's URL, for signed assertions.
    public var jwsURL: String?
    /// Why the award failed.
    public var error: String?
    /// The offending input, such as `awards[3].recipient.identity`.
    public var field: String?
    /// The assertion's credential number, such as `UH-7K3M-Q9PX` (see ``CredentialNumber``).
    public var credentialNumber: String?

    enum CodingKeys: String, CodingKey {
        case index, status, url, error, field
        case assertionID = "assertion_id"
        case jwsURL = "jws_url"
        case credentialNumber = "credential_number"
    }
}
