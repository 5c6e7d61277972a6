public import Foundation
import Hummingbird
import JWTKit
public import LTI
public import Primitives

/// A deep-linking response the platform accepted at its return URL.
public struct ReceivedDeepLink: Sendable {
    /// The path (and query) it was posted to.
    public var returnPath: String
    /// The `kid` the tool signed with.
    public var kid: String
    /// The content items.
    public var items: [JSONValue]
    /// The echoed `data`.
    public var data: String?
}

extension TestPlatformRoutes {
    /// The deep-linking return URLs of both flavours: verify the tool's signed response with the
    /// tool's published keys (``TestPlatformState/toolJWKS``) and record its content items.
    static func registerDeepLinkingReturn(on router: Router<BasicRequestContext>, state: TestPlatformState) {
        for path in ["/mod/lti/contentitem_return.php", "/courses/7/deep_linking_response"] {
            router.post(RouterPath(path)) { request, _ in
                guard let platform = await state.platform else { return Response(status: .notFound) }
                let body = try await request.body.collect(upTo: 1 << 16)
                var components = URLComponents()
                components.percentEncodedQuery = String(buffer: body).replacingOccurrences(of: "+", with: "%20")
                guard let jwt = components.queryItems?.first(where: { $0.name == "JWT" })?.value else { return Response(status: .badRequest) }
                let keys = JWTKeyCollection()
                do {
                    try await keys.add(jwksJSON: await state.toolJWKS)
                    let claims = try await keys.verify(jwt, as: DeepLinkingResponseClaims.self)
                    let header = try DecodedHeader(jwt)
                    guard claims.iss == platform.clientID, claims.aud.value.contains(platform.issuer),
                        claims.messageType == "LtiDeepLinkingResponse", claims.version == "1.3.0",
                        claims.deploymentID == platform.deploymentID
                    else { return Response(status: .badRequest) }
                    await state.recordDeepLink(
                        ReceivedDeepLink(
                            returnPath: request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""),
                            kid: header.kid,
                            items: claims.contentItems,
                            data: claims.data
                        )
                    )
                    return Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: "<p>Saved</p>")))
                } catch {
                    return Response(status: .unauthorized)
                }
            }
        }
    }
}

/// The protected header's `kid`.
struct DecodedHeader {
    let kid: String

    init(_ jwt: String) throws {
        guard let part = jwt.split(separator: ".").first else { throw TestPlatformFailure.badRequest("jwt") }
        var base64 = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        let header = try JSONDecoder().decode([String: String].self, from: Data(base64Encoded: base64) ?? Data())
        kid = header["kid"] ?? ""
    }
}

struct DeepLinkingResponseClaims: JWTPayload {
    var iss: String
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var nonce: String
    var messageType: String
    var version: String
    var deploymentID: String
    var contentItems: [JSONValue]
    var data: String?

    enum CodingKeys: String, CodingKey {
        case iss, aud, exp, iat, nonce
        case messageType = "https://purl.imsglobal.org/spec/lti/claim/message_type"
        case version = "https://purl.imsglobal.org/spec/lti/claim/version"
        case deploymentID = "https://purl.imsglobal.org/spec/lti/claim/deployment_id"
        case contentItems = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items"
        case data = "https://purl.imsglobal.org/spec/lti-dl/claim/data"
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
