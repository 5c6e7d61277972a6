import Foundation
import LTI

/// The page badged answers in place of a redirect or a launch when the browser may keep no
/// third-party cookies and the platform offers postMessage storage (LTI Platform Storage).
///
/// Its one inline script (allowed by its hash) reads what to do from the `data-` attributes of
/// `#lti-storage`: on the login (`put`) it stores the state in the platform's frame with
/// `lti.put_data` and then goes on to the platform's authorization URL; on a launch whose cookie
/// did not arrive (`get`) it reads the state back with `lti.get_data` and re-posts the launch,
/// with the value, to `lti/launch/storage`. Messages go only to the platform's origin and answers
/// from any other origin, or for another message id or key, are ignored.
struct PlatformStoragePage: PageModel {
    static let template = "storage"

    let title: String
    /// `put` or `get`.
    let mode: String
    /// `_parent` or the name of the storage frame in `window.parent.frames`.
    let frame: String
    /// The platform's origin: the messages' target origin and the only origin answers count from.
    let origin: String
    /// The storage key of this login's state.
    let key: String
    /// What `put` stores (the state); empty for `get`.
    let value: String
    /// Where `put` goes next (the platform's authorization URL); empty for `get`.
    let next: String
    /// The re-post of `get`: its action and the launch's fields.
    let action: String
    let idToken: String
    let state: String
    let storedStateField: String
    /// Whether the page re-posts a launch (the form is rendered).
    let reposts: Bool

    /// The login page: store `state`, then go to `authorizationURL`.
    static func storing(_ redirect: LoginRedirect, in target: PlatformStorageTarget) -> Self {
        PlatformStoragePage(
            title: "Opening badged",
            mode: "put",
            frame: target.frame,
            origin: target.origin,
            key: PlatformStorageTarget.key(forState: redirect.launchState.state),
            value: redirect.launchState.state,
            next: redirect.authorizationURL.absoluteString,
            action: "",
            idToken: "",
            state: "",
            storedStateField: LaunchForm.storedStateField,
            reposts: false
        )
    }

    /// The launch page without cookie: read the state back, then re-post the launch to `action`.
    static func reading(_ form: LaunchForm, from target: PlatformStorageTarget, action: String) -> Self {
        PlatformStoragePage(
            title: "Opening badged",
            mode: "get",
            frame: target.frame,
            origin: target.origin,
            key: PlatformStorageTarget.key(forState: form.state),
            value: "",
            next: "",
            action: action,
            idToken: form.idToken,
            state: form.state,
            storedStateField: LaunchForm.storedStateField,
            reposts: true
        )
    }
}
