public import Foundation

/// A badge class placed in an LMS course by deep linking.
public struct CourseLink: Hashable, Sendable {
    /// The platform's issuer.
    public let issuer: String
    /// The tool's client id on that platform.
    public let clientID: String
    /// The deployment the link was made in.
    public let deploymentID: String
    /// The course (LTI context id), when the platform sent one.
    public let contextID: String?
    /// The badge class the activity awards.
    public let badgeClassID: UUID

    /// Creates a link.
    public init(issuer: String, clientID: String, deploymentID: String, contextID: String?, badgeClassID: UUID) {
        self.issuer = issuer
        self.clientID = clientID
        self.deploymentID = deploymentID
        self.contextID = contextID
        self.badgeClassID = badgeClassID
    }
}

/// The storage port for course links.
public protocol CourseLinkStore: Sendable {
    /// Records a link placed in a course.
    func recordLink(_ link: CourseLink, id: UUID, at date: Date) async throws
    /// The badge classes linked in a course of a platform, oldest first.
    func linkedBadgeClasses(issuer: String, contextID: String) async throws -> [UUID]
}
