/// The page LTI Dynamic Registration ends on: what was registered, and the message that tells
/// the LMS to close its registration window (`org.imsglobal.lti.close`).
struct RegisteredPage: PageModel {
    static let template = "registered"

    let title: String
    /// The platform's issuer.
    let issuer: String
    /// The tool's client id on the platform.
    let clientID: String
    /// The deployments, comma-separated.
    let deployments: String
}
