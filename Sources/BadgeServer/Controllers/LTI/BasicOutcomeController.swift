import BadgeIssuing
import Foundation
import Hummingbird
import NIOCore

/// `POST /lti/outcomes`: LTI 1.1 Basic Outcomes. The OAuth signature covers the URL the grade
/// source posted to, which is badged's public URL of the route (behind a proxy the local URL
/// differs), with the request's query.
struct BasicOutcomeController: Sendable {
    let outcomes: BasicOutcomes
    let publicURL: String

    func addRoutes(to router: Router<AppRequestContext>) {
        router.on(Route.ltiOutcomes, use: receive)
    }

    @Sendable func receive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let query = request.uri.query.map { "?" + $0 } ?? ""
        guard let url = URL(string: publicURL + query) else { throw BadgeServerError(.badRequest, "the request URL cannot be read") }
        let xml = try await outcomes.handle(
            method: "POST",
            url: url,
            authorization: request.headers[.authorization],
            body: Data(body.readableBytesView)
        )
        return Response(
            status: .ok,
            headers: [.contentType: "application/xml; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: xml))
        )
    }
}
