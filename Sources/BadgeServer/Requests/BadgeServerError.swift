import HTTPTypes
// Re-exported: every module's error is a `ModuleError`, whose members callers must see.
@_exported public import Primitives

/// The one error type of the HTTP layer: authentication, request shape and configuration.
public typealias BadgeServerError = ModuleError<BadgeServerErrors>

/// The domain of ``BadgeServerError``s.
public enum BadgeServerErrors: ErrorDomain {
    public static let name = "BadgeServerError"
}

extension ModuleError where Domain == BadgeServerErrors {
    /// An invalid configuration value.
    public static func configuration(_ key: String, _ problem: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.configuration, "configuration key \(key) \(problem)", field: key, fileID: fileID, line: line)
    }
}

extension ErrorCode where Module == BadgeServerErrors {
    /// No valid API key came with the request.
    public static let unauthenticated = Self("unauthenticated")
    /// The request is malformed (bad JSON, a bad query parameter).
    public static let badRequest = Self("badRequest")
    /// A configuration value is invalid.
    public static let configuration = Self("configuration")
    /// A form that spends a link was posted from a page that is not badged's own (403).
    public static let crossSiteForm = Self("crossSiteForm")
}
