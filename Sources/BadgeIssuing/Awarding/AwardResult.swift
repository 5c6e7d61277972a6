/// What happened to one award.
public struct AwardResult: Encodable, Sendable {
    /// The input's position.
    public var index: Int
    /// `created`, `existing` or `failed`.
    public var status: String
    public var assertionID: String?
    public var url: String?
    public var jwsURL: String?
    public var error: String?
    public var field: String?

    enum CodingKeys: String, CodingKey {
        case index, status, url, error, field
        case assertionID = "assertion_id"
        case jwsURL = "jws_url"
    }
}
