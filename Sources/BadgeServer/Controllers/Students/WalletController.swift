import BadgeCore
import BadgeIssuing
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OpenBadges

/// The signed-in student's wallet (`GET /wallet`) and its forms: a credential made private or
/// public, a selection shared by a new link or a link revoked, and "download all" as one ZIP.
/// Shared selections are served at `GET /shared/{token}` to anyone with the link.
struct WalletController: Sendable {
    let sessions: StudentSessions
    let wallet: Wallet
    let exports: EDCIExports
    /// Whether EDCI export is configured (`edci.schema_dir`): the ZIP then holds EDCI files too.
    let includesEDCI: Bool
    let baseURL: String
    let urls: PublicURLs
    let pages: PageRenderer
    let clock: any TimeSource
    /// Badges from elsewhere on the student's record: added and removed here.
    let externals: ExternalCredentials<HTTPDocumentFetcher>
    /// Their live status on each view.
    let checks: ExternalBadgeChecks<HTTPDocumentFetcher>

    func addRoutes(to router: Router<AppRequestContext>) {
        router.on(Route.wallet) { request, _ in
            try await page(
                for: try await sessions.require(request),
                language: .of(request),
                languageQuery: PageLanguage.choice(of: request),
                newShareURL: nil
            )
        }
        router.on(Route.walletVisibility) { request, context in
            let (session, body) = try await sessions.requireForm(request, context: context)
            let fields = FormParameters.decode(body)
            guard let id = fields["assertion_id"].flatMap(UUID.init(uuidString:)), let visibility = fields["visibility"],
                ["private", "public"].contains(visibility)
            else { throw BadgeCoreError.invalid("visibility", "the form needs an assertion_id and a visibility (private or public)") }
            try await wallet.setPrivate(visibility == "private", assertionID: id, recipientKey: session.recipientKey)
            return Response(status: .seeOther, headers: [.location: "/wallet" + PageLanguage.choice(of: request), .cacheControl: "no-store"])
        }
        router.on(Route.walletCreateShare) { request, context in
            let (session, body) = try await sessions.requireForm(request, context: context)
            let ids = FormParameters.values(named: "assertion_id", in: body).compactMap(UUID.init(uuidString:))
            let (token, _) = try await wallet.share(ids, recipientKey: session.recipientKey)
            return try await page(
                for: session,
                language: .of(request),
                languageQuery: PageLanguage.choice(of: request),
                newShareURL: Route.sharedSelection.url(baseURL: baseURL, ["token": token])
            )
        }
        router.on(Route.walletRevokeShare) { request, context in
            let (session, _) = try await sessions.requireForm(request, context: context)
            try await wallet.revokeShare(id: try context.parameters.uuid("id"), recipientKey: session.recipientKey)
            return Response(status: .seeOther, headers: [.location: "/wallet" + PageLanguage.choice(of: request), .cacheControl: "no-store"])
        }
        router.on(Route.walletDownload, use: download)
        router.on(Route.walletAddExternal, use: addExternal)
        router.on(Route.walletRemoveExternal, use: removeExternal)
        router.on(Route.sharedSelection) { request, context in
            guard let items = try await wallet.shared(token: context.parameters.get("token") ?? "") else {
                throw BadgeCoreError(.notFound, "nothing is shared by this link: it was revoked, or never existed")
            }
            let language = PageLanguage.of(request)
            var response = try pages.response(
                SharedSelectionPage(language: language, items: WalletPage(items: items, language: language, urls: urls).items)
            )
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    /// The wallet page of a session.
    /// - Parameters:
    ///   - externalError: why a badge from elsewhere was just refused, shown on the page.
    ///   - status: the answer's status (422 with a refusal).
    func page(
        for session: StudentSession,
        language: PageLanguage,
        languageQuery: String = "",
        newShareURL: String?,
        externalError: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let page = WalletPage(
            language: language,
            languageQuery: languageQuery,
            formToken: session.formToken,
            items: try await wallet.items(recipientKey: session.recipientKey),
            progress: try await wallet.progress(recipientKey: session.recipientKey),
            shares: try await wallet.shares(recipientKey: session.recipientKey),
            newShareURL: newShareURL,
            includesEDCI: includesEDCI,
            urls: urls,
            externals: try await externalBadges(of: session),
            externalError: externalError
        )
        var response = try pages.response(page, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Every credential as one ZIP: baked PNGs, and EDCI XML when EDCI is configured.
    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await sessions.require(request)
        let items = try await wallet.items(recipientKey: session.recipientKey)
        var files = try await wallet.bakedImages(of: items)
        var notes = ["Your credentials from badged: each PNG is a badge image with its Open Badges assertion baked in."]
        if includesEDCI {
            notes.append("Each .edci.xml file is the credential as a signed Europass EDCI document.")
            for item in items {
                do {
                    files.append(
                        Wallet.ArchiveFile(
                            path: Wallet.fileName(item, extension: "edci.xml"),
                            data: try await exports.signedXML(assertionID: item.assertion.id)
                        )
                    )
                } catch {
                    notes.append("\(item.name) (\(item.assertion.id.uuidString.lowercased())) could not be exported as EDCI; its image is included.")
                }
            }
        } else {
            notes.append("This server does not export Europass EDCI (edci.schema_dir is not configured), so the archive holds images only.")
        }
        let zip = try WalletArchive.zip(files, readme: notes.joined(separator: "\n") + "\n", modified: clock.now())
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/zip",
                .contentDisposition: "attachment; filename=\"credentials.zip\"",
                .cacheControl: "no-store",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: zip))
        )
    }
}

extension WalletPage {
    /// The items of a shared selection, as the wallet shows them.
    init(items: [Wallet.Item], language: PageLanguage, urls: PublicURLs) {
        self.init(language: language, formToken: "", items: items, progress: [], shares: [], newShareURL: nil, includesEDCI: false, urls: urls)
    }
}
