public import Foundation

/// An LMS course as launches describe it: its title and the service URLs grades are read from.
public struct LTICourse: Hashable, Sendable {
    /// The platform's issuer.
    public let issuer: String
    /// badged's client id there.
    public let clientID: String
    /// The course (LTI context id).
    public let contextID: String
    /// The course title.
    public let title: String?
    /// The AGS line items container URL.
    public let lineItemsURL: String?
    /// The NRPS `context_memberships_url`.
    public let membershipsURL: String?

    /// Creates a course.
    public init(issuer: String, clientID: String, contextID: String, title: String?, lineItemsURL: String?, membershipsURL: String?) {
        self.issuer = issuer
        self.clientID = clientID
        self.contextID = contextID
        self.title = title
        self.lineItemsURL = lineItemsURL
        self.membershipsURL = membershipsURL
    }
}

/// The storage port for courses seen at launches.
public protocol CourseDirectory: Sendable {
    /// Records a course as its latest launch describes it (no write when nothing changed).
    func record(_ course: LTICourse, at date: Date) async throws
    /// The course, if a launch described it.
    func course(issuer: String, clientID: String, contextID: String) async throws -> LTICourse?
}
