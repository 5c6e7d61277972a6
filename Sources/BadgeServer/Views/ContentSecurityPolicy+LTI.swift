import Foundation
import LTI

extension ContentSecurityPolicy {
    /// The policy with the LMS of a launch allowed to frame the page: the platform's issuer
    /// origin, its deep-linking return origin, and for hosted Canvas every instance.
    func framed(by launch: LTILaunch) -> Self {
        var policy = self
        var ancestors = [URL(string: launch.issuer).flatMap(Self.origin(of:)), launch.deepLinking.flatMap { Self.origin(of: $0.returnURL) }]
            .compactMap { $0 }
        if launch.preset == .canvas { ancestors.append("https://*.instructure.com") }
        policy.frameAncestors = Array(Set(ancestors)).sorted()
        return policy
    }

    /// The policy of a platform-storage page (the login's or a cookie-less launch's): framed by
    /// the platform of the login, that is its issuer's origin, the origin of its storage frame (its
    /// authorization URL's), and for hosted Canvas every instance.
    func framed(byIssuer issuer: String, storage: PlatformStorageTarget) -> Self {
        var policy = self
        var ancestors = [URL(string: issuer).flatMap(Self.origin(of:)), storage.origin].compactMap { $0 }
        if URL(string: issuer)?.host()?.hasSuffix(".instructure.com") == true || storage.origin.hasSuffix(".instructure.com") {
            ancestors.append("https://*.instructure.com")
        }
        policy.frameAncestors = Array(Set(ancestors)).sorted()
        return policy
    }

    /// The policy of a deep-linking answer: its auto-submit script, a form posting to the
    /// platform's return URL, framed only by that platform.
    static func deepLinkingAnswer(returnURL: URL) -> Self {
        let origin = Self.origin(of: returnURL).map { [$0] } ?? []
        var ancestors = origin
        if returnURL.host()?.hasSuffix(".instructure.com") == true { ancestors.append("https://*.instructure.com") }
        return ContentSecurityPolicy(
            scriptHashes: [hashSource(DeepLinkingResponse.autoSubmitScript)],
            formTargets: origin,
            frameAncestors: ancestors
        )
    }
}
