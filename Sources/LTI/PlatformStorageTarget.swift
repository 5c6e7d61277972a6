public import Foundation

/// Where a tool page reaches the platform's browser storage, the LTI Client Side postMessages
/// "Platform Storage" (`lti.put_data`, `lti.get_data`): the platform names a frame with
/// `lti_storage_target` on the login (Canvas also on the launch), and the frame answers
/// postMessages from the origin of the platform's OIDC authorization URL.
///
/// A tool uses it when the browser keeps no third-party cookies (Safari, Firefox, Chrome with
/// third-party cookies blocked): the login stores the state in the platform's frame and the
/// launch reads it back, in place of the state cookie.
public struct PlatformStorageTarget: Hashable, Sendable {
    /// The longest frame name accepted.
    public static let maximumFrameLength = 64
    /// The prefix of the storage keys badged writes (one key per login state).
    public static let keyPrefix = "badged_state_"

    /// `_parent` (the frame that embeds the tool) or the name of a frame in `window.parent.frames`.
    public var frame: String
    /// The origin (`scheme://host[:port]`) of the platform's OIDC authorization URL: the
    /// `targetOrigin` of every message to the frame, and the only origin whose answers count.
    public var origin: String

    /// The target for a platform, or nil when `frame` is missing or not a plain frame name, or
    /// the authorization URL has no origin.
    /// - Parameters:
    ///   - frame: `lti_storage_target` as the platform sent it.
    ///   - authURL: The platform's registered OIDC authorization URL.
    public init?(frame: String?, authURL: URL) {
        guard let frame, Self.isFrameName(frame), let scheme = authURL.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = authURL.host(percentEncoded: false)?.lowercased(), !host.isEmpty
        else { return nil }
        self.frame = frame
        self.origin = "\(scheme)://\(host)" + (authURL.port.map { ":\($0)" } ?? "")
    }

    /// The storage key under which the login keeps `state`.
    public static func key(forState state: String) -> String { keyPrefix + state }

    /// Frame names are short and plain (letters, digits, `_` and `-`), so that a page can name
    /// them in an attribute and a script can look them up without surprises.
    static func isFrameName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= maximumFrameLength
            && name.unicodeScalars.allSatisfy { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "_" || $0 == "-" }
    }
}
