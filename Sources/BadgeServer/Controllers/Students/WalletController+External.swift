import BadgeCore
import BadgeIssuing
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OpenBadges

/// Badges from elsewhere in the wallet: `POST /wallet/external` adds one (a multipart form with
/// the session's form token and exactly one of an assertion URL, a pasted JWS or a baked PNG/SVG
/// file) once badged's verifier accepts it as the student's; `POST /wallet/external/{id}/remove`
/// takes one off. The student is matched by the identity sealed in their session, which is
/// never logged nor put in a URL.
extension WalletController {
    /// Adds a badge; a refused one answers 422 with the wallet page saying why.
    @Sendable func addExternal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await sessions.require(request)
        guard let boundary = MultipartForm.boundary(ofContentType: request.headers[.contentType]) else {
            throw BadgeServerError(.badRequest, "the form must be posted as multipart/form-data; reload your credentials page and try again")
        }
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let form = try MultipartForm(body: Data(body.readableBytesView), boundary: boundary)
        guard StudentAccess.formTokenMatches(form["form_token"]?.text, session) else {
            throw BadgeCoreError(.forbidden, "this form is not from your current session; reload your credentials page and try again")
        }
        let source: VerificationInput
        do {
            source = try Self.source(of: form)
        } catch let error as BadgeCoreError {
            return try await page(
                for: session,
                language: .of(request),
                languageQuery: PageLanguage.choice(of: request),
                newShareURL: nil,
                externalError: error.message,
                status: .unprocessableContent
            )
        }
        guard let recipient = try? sessions.access.recipient(of: session) else {
            // The session's sealed identity cannot be opened here (an access link made by a
            // command with another, ephemeral key): nothing to match the badge's recipient with.
            let message = "This sign-in cannot confirm who you are to the badge's issuer. Sign out, sign in again, and add the badge then."
            return try await page(
                for: session,
                language: .of(request),
                languageQuery: PageLanguage.choice(of: request),
                newShareURL: nil,
                externalError: message,
                status: .unprocessableContent
            )
        }
        do {
            let (credential, _) = try await externals.add(recipient: recipient, source: source, actor: "student:" + session.recipientKey)
            checks.remember(credential)
        } catch let error as BadgeCoreError where [.validation, .conflict].contains(error.code) {
            let status: HTTPResponse.Status = error.code == .conflict ? .conflict : .unprocessableContent
            return try await page(
                for: session,
                language: .of(request),
                languageQuery: PageLanguage.choice(of: request),
                newShareURL: nil,
                externalError: Self.sentence(error.message),
                status: status
            )
        }
        return Response(
            status: .seeOther,
            headers: [.location: "/wallet" + PageLanguage.choice(of: request) + "#external", .cacheControl: "no-store"]
        )
    }

    /// Removes a badge from elsewhere of the session's student.
    /// - Throws: ``BadgeCoreError`` `.notFound` when it is not on their record.
    @Sendable func removeExternal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await sessions.requireForm(request, context: context)
        let id = try context.parameters.uuid("id")
        do {
            try await externals.remove(recipientKey: session.recipientKey, id: id, actor: "student:" + session.recipientKey)
        } catch let error as BadgeCoreError where error.code == .notFound {
            throw BadgeCoreError(.notFound, "that badge is not in your wallet")
        }
        checks.forget(id)
        return Response(
            status: .seeOther,
            headers: [.location: "/wallet" + PageLanguage.choice(of: request) + "#external", .cacheControl: "no-store"]
        )
    }

    /// The session's badges from elsewhere, each checked again unless checked a moment ago; the
    /// stored statuses when the session's sealed identity cannot be opened (an access link
    /// issued by a command that sealed it with another, ephemeral key).
    func externalBadges(of session: StudentSession) async throws -> [ExternalBadgeChecks<HTTPDocumentFetcher>.Shown] {
        guard let recipient = try? sessions.access.recipient(of: session) else {
            return try await checks.stored(recipientKey: session.recipientKey)
        }
        return try await checks.shown(recipient: recipient)
    }

    /// The one source the form gives.
    /// - Throws: ``BadgeCoreError`` `.validation` for none, several, a URL that is not http(s), or
    ///   a file that is not a PNG or SVG.
    static func source(of form: MultipartForm) throws -> VerificationInput {
        let url = form["url"]?.text ?? ""
        let jws = form["jws"]?.text ?? ""
        let image = form["image"].map(\.data) ?? Data()
        switch (url.isEmpty, jws.isEmpty, image.isEmpty) {
        case (false, true, true):
            guard ExternalBadgeChecks<HTTPDocumentFetcher>.isWebURL(url), url.utf8.count <= ExternalCredential.maximumIDLength else {
                throw BadgeCoreError.invalid("url", "the URL must be the http(s) address of the badge's assertion")
            }
            return .text(url)
        case (true, false, true): return .text(jws)
        case (true, true, false):
            let isPNG = image.starts(with: [0x89, 0x50, 0x4E, 0x47])
            let isSVG = String(decoding: image.prefix(4_096), as: UTF8.self).contains("<svg")
            guard isPNG || isSVG else { throw BadgeCoreError.invalid("image", "the file must be a baked badge image: a PNG or an SVG") }
            return .data(image)
        default:
            throw BadgeCoreError.invalid("url", "give one of: the badge's URL, its signed assertion (JWS), or its baked image")
        }
    }

    /// A message as a sentence: capitalised, ending in a full stop.
    static func sentence(_ message: String) -> String {
        let text = message.prefix(1).uppercased() + message.dropFirst()
        return text.hasSuffix(".") ? text : text + "."
    }
}
