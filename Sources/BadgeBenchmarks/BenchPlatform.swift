import BadgeIssuing
import Foundation
import Hummingbird
import LTI
import Logging
import NIOCore

/// An in-process LMS for `bench outcomes`: a token endpoint, a course roster of `students`
/// (Names and Roles, one page) and their results in one line item (half passing a Dutch 5.5).
struct BenchPlatform: Sendable {
    let baseURL: String
    let students: Int

    var issuer: String { baseURL }
    var host: String { URLComponents(string: baseURL).map { "\($0.host ?? "127.0.0.1"):\($0.port ?? 80)" } ?? "127.0.0.1" }
    var lineItemPath: String { "items/course" }

    var registration: Platform {
        get throws {
            try PlatformFactory.make(
                preset: .generic,
                issuer: issuer,
                clientID: "bench",
                deploymentIDs: ["1"],
                authURL: baseURL + "/auth",
                tokenURL: baseURL + "/token",
                jwksURL: baseURL + "/jwks"
            )
        }
    }

    /// Runs the platform on loopback for the duration of `body`.
    static func withRunning<R: Sendable>(
        students: Int,
        logger: Logger,
        _ body: @escaping @Sendable (BenchPlatform) async throws -> R
    ) async throws -> R {
        let members = (0..<students).map { #"{"user_id": "s\#($0)", "email": "s\#($0)@example.org", "status": "Active", "roles": []}"# }
        let roster = ByteBuffer(string: #"{"id": "m", "context": {"id": "course-1"}, "members": ["# + members.joined(separator: ",") + "]}")
        let results = ByteBuffer(
            string: "["
                + (0..<students).map { #"{"userId": "s\#($0)", "resultScore": \#($0 % 2 == 0 ? 8 : 4), "resultMaximum": 10}"# }.joined(separator: ",")
                + "]"
        )
        let router = Router()
        router.post("token") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"access_token": "bench-token", "token_type": "Bearer", "expires_in": 3600}"#))
            )
        }
        router.get("memberships") { _, _ in Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: roster)) }
        router.get("items/:item/results") { _, context in
            let body = context.parameters.get("item") == "course" ? results : ByteBuffer(string: "[]")
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
        }
        return try await LoopbackServer.withRunning(router, logger: logger) { baseURL in
            try await body(BenchPlatform(baseURL: baseURL, students: students))
        }
    }
}
