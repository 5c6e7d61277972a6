import HTTPTypes
import Hummingbird
import OpenAPIKit

/// One route badged serves: its method and path pattern, who it is for, and what goes in and
/// comes out.
///
/// Every route is a static member of `Route` (`Route+Operations.swift`, `Route+Public.swift`,
/// `Route+LTI.swift`, `Route+Admin.swift`, and ``Route/Catalog`` for the catalog collections), and
/// ``Route/all`` lists them. Controllers register from this table, pages build their links from
/// it, and ``OpenAPIDocument`` is generated from it, so that the three cannot drift apart.
struct Route: Sendable {
    /// Who a route is for. It is the route's OpenAPI tag and decides where it is mounted.
    enum Audience: String, CaseIterable, Sendable {
        /// Health, readiness, metrics and the OpenAPI document.
        case operations
        /// The unauthenticated Open Badges documents under `/public`.
        case `public`
        /// The LTI 1.3 tool endpoints an LMS calls.
        case lti
        /// The admin API under `/api/v1`, behind an API key.
        case admin
        /// Students' pages: the entrances that sign them in, their wallet, shared selections.
        case student

        /// The prefix its routes are registered under: a router group for the admin API.
        var mount: String { self == .admin ? "api/v1" : "" }

        /// Whether its routes need an API key (the admin API's group carries the authenticator).
        var needsAPIKey: Bool { self == .admin }
    }

    /// The request method.
    let method: HTTPRequest.Method
    /// Who the route is for.
    let audience: Audience
    /// The path pattern below the audience's ``Audience/mount``, as Hummingbird wants it (`platforms/:id`).
    let pattern: String
    /// The OpenAPI operation id, unique in the table.
    let operationID: String
    /// One line for the OpenAPI document.
    let summary: String
    /// Query and header parameters, and path parameters whose schema is not a plain string.
    let parameters: [Parameter]
    /// The request body, if the route reads one.
    let request: Content?
    /// The status of a successful answer.
    let status: Int
    /// The body of a successful answer.
    let response: Content
    /// The problem statuses it may answer besides 400 and 401 (which every admin route may answer).
    let problems: [Int]

    /// Creates a route; see the properties for the meaning of each argument.
    init(
        _ method: HTTPRequest.Method,
        _ pattern: String,
        audience: Audience,
        id operationID: String,
        summary: String,
        parameters: [Parameter] = [],
        request: Content? = nil,
        status: Int = 200,
        response: Content,
        problems: [Int] = []
    ) {
        self.method = method
        self.pattern = pattern
        self.audience = audience
        self.operationID = operationID
        self.summary = summary
        self.parameters = parameters
        self.request = request
        self.status = status
        self.response = response
        self.problems = problems
    }

    /// The whole path pattern from the root, such as `api/v1/platforms/:id`.
    var path: String { audience.mount.isEmpty ? pattern : audience.mount + "/" + pattern }

    /// Whether the route needs an API key.
    var needsAPIKey: Bool { audience.needsAPIKey }

    /// The names of the path parameters, in order (`id` for `public/assertions/:id`).
    var pathParameterNames: [String] {
        path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
    }

    /// The absolute URL of the route with its path parameters filled in.
    ///
    /// - Parameters:
    ///   - baseURL: `public.base_url`, without a trailing slash.
    ///   - values: a value for each path parameter, by name; a missing one is left empty.
    func url(baseURL: String, _ values: [String: String] = [:]) -> String {
        let segments = path.split(separator: "/").map { segment in
            segment.hasPrefix(":") ? values[String(segment.dropFirst())] ?? "" : String(segment)
        }
        return baseURL + "/" + segments.joined(separator: "/")
    }

    /// Whether a concrete path (with or without its leading slash) is one this route serves:
    /// the same segments, with any non-empty segment where the pattern has a parameter.
    func matches(_ concretePath: String) -> Bool {
        let pattern = path.split(separator: "/")
        let concrete = concretePath.split(separator: "/", omittingEmptySubsequences: false).drop { $0.isEmpty }
        guard pattern.count == concrete.count else { return false }
        return zip(pattern, concrete).allSatisfy { expected, actual in
            expected.hasPrefix(":") ? !actual.isEmpty : expected == actual
        }
    }
}

extension Route {
    /// Every route badged serves, in the order the OpenAPI document lists them.
    static var all: [Route] {
        [health, readiness, metrics, openAPI]
            + [
                publicIssuer, publicRevocationList, publicBadgeClass, publicBadgeClassImage, publicAssertion, publicKey,
                publicBakedImage, publicAssertionQRCode, publicAssertionCertificate, publicExtension, publicCredentialLookup,
            ]
            + [ltiLogin, ltiLoginPost, ltiLaunch, ltiLaunchStorage, ltiDeepLinking, ltiReview, ltiRules, ltiJWKS, ltiRegister]
            + Catalog.all.flatMap(\.routes)
            + [award, showAssertion, revokeAssertion, forgetRecipient, importEDCI, showEDCIImport]
            + [listPlatforms, createPlatform, createRegistrationLink, showPlatform, deletePlatform]
            + [ltiScores, ltiOutcomes, listOutcomeRules, createOutcomeRule, showOutcomeRule, updateOutcomeRule, deleteOutcomeRule]
            + [outcomeRuleSourcedID, listOutcomeEvents, recordOutcomeEvent, reviewOutcomeEvent, syncPlatform]
            + [setStackingRule, showStackingRule, deleteStackingRule, recipientProgress, listStackingFlags, reviewStackingFlag]
            + [addExternalCredential, listExternalCredentials, removeExternalCredential]
            + [createAccessLink, walletEnter, walletAccessLink, walletAccessLinkEnter, wallet, walletVisibility, walletDownload]
            + [walletAddExternal, walletRemoveExternal]
            + [walletCreateShare, walletRevokeShare, walletSignOut, sharedSelection, walletSignIn, walletOIDCStart, walletOIDCCallback]
            + [createClaimCode, listClaimCodes, disableClaimCode, listClaims, reviewClaim, claimForm, claimCodePage, claimSubmit, claimQRCode]
            + [createReviewLink, reviewLinkPage, reviewLinkEnter, reviewQueue, reviewDecide, reviewSignOut]
            + [claimMailRequest, claimMailConfirmPage, claimMailConfirm]
    }
}
