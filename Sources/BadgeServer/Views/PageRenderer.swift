import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// A page badged serves to browsers: plain values that one template of
/// `Views/Templates` renders, inside the shared layout.
///
/// Templates read stored properties only (mustache looks values up by reflection), so a page's
/// values, its `title` included, are stored, never computed.
protocol PageModel: Sendable {
    /// The name of the page's template: its file name in `Views/Templates` without `.mustache`.
    static var template: String { get }
    /// The layout the page is rendered into: ``PageRenderer/layout`` unless the page has its own
    /// (the printable certificate).
    static var layout: String { get }
    /// The document title, shown in the browser tab (the layout appends "· badged").
    var title: String { get }
    /// The document's language (`en` unless a page says otherwise).
    var language: String { get }
}

extension PageModel {
    var language: String { "en" }
    static var layout: String { PageRenderer.layout }
}

/// Renders ``PageModel``s with their mustache templates inside `layout.mustache`.
///
/// The templates are loaded and parsed once, when the router is built, so that a missing or
/// malformed template stops the daemon at start rather than failing requests. All HTML escaping
/// is mustache's `{{ }}`: page models hold plain text.
struct PageRenderer: Sendable {
    /// The layout pages are rendered into unless they name their own.
    static let layout = "layout"

    private let library: MustacheLibrary
    /// What every page may run and style: the hashes of the templates' inline blocks.
    let policy: ContentSecurityPolicy

    /// Loads the templates from a directory, by default `Templates` in the BadgeServer bundle.
    /// - Parameter directory: a directory of `*.mustache` files; nil for the bundled templates.
    /// - Throws: ``BadgeServerError`` `.configuration` when the directory or a page's template is
    ///   missing, or a template does not parse.
    init(directory: URL? = nil) throws {
        guard let directory = directory ?? Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw BadgeServerError(.configuration, "the page templates are missing from the BadgeServer resources")
        }
        var library = MustacheLibrary()
        var policy = ContentSecurityPolicy()
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        for file in files where file.pathExtension == "mustache" {
            let name = file.deletingPathExtension().lastPathComponent
            do {
                let text = try String(contentsOf: file, encoding: .utf8)
                try library.register(text, named: name)
                policy.styleHashes += ContentSecurityPolicy.inlineHashes(of: "style", in: text)
                policy.scriptHashes += ContentSecurityPolicy.inlineHashes(of: "script", in: text)
            } catch {
                throw BadgeServerError(.configuration, "the page template \(name).mustache does not load: \(error)")
            }
        }
        let required = [
            Self.layout, LaunchPage.template, CredentialPage.template, LookupPage.template, ErrorPage.template, RegisteredPage.template,
            WalletPage.template, AccessLinkPage.template, SharedSelectionPage.template, SignInPage.template, ClaimPage.template,
            PlatformStoragePage.template, ClaimReviewPage.template, ClaimMailPage.template,
        ]
        for name in required + [CertificatePage.template, CertificatePage.layout]
        where library.getTemplate(named: name) == nil {
            throw BadgeServerError(.configuration, "the page template \(name).mustache is missing from \(directory.path)")
        }
        self.library = library
        self.policy = policy
    }

    /// The page as a complete HTML document.
    /// - Throws: `HTTPError` 500 if the page's template is not loaded (an opaque, logged error).
    func render(_ page: some PageModel) throws -> String {
        guard let content = library.render(page, withTemplate: type(of: page).template),
            let document = library.render(Layout(language: page.language, title: page.title, content: content), withTemplate: type(of: page).layout)
        else { throw HTTPError(.internalServerError) }
        return document
    }

    /// The page as a `text/html` response.
    /// - Parameters:
    ///   - page: the page to render.
    ///   - status: the response status.
    ///   - headers: further headers; the content type is set here.
    /// - Throws: `HTTPError` 500 if the page's template is not loaded.
    func response(_ page: some PageModel, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: try render(page))))
    }
}

extension PageRenderer {
    /// What `layout.mustache` renders: the document around a page.
    struct Layout {
        /// The document's language.
        let language: String
        /// The page title (before "· badged").
        let title: String
        /// The page's own HTML, already rendered and escaped by its template.
        let content: String
    }
}
