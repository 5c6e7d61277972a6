import Foundation
import Hummingbird
import LTI
import Primitives

/// The HTTP endpoints of ``TestPlatform``.
enum TestPlatformRoutes {
    static let results: [[String: JSONValue]] = (1...3).map { index in
        [
            "id": .string("result-\(index)"), "userId": .string("user-\(index)"),
            "resultScore": .double(Double(6 + index)), "resultMaximum": 10, "scoreOf": "lineitem-5",
        ]
    }
    static let members: [[String: JSONValue]] = (1...3).map { index in
        [
            "status": "Active", "name": .string("Member \(index)"), "email": .string("m\(index)@example.edu"),
            "user_id": .string("user-\(index)"), "lis_person_sourcedid": .string("s\(index)"),
            "roles": [
                .string(
                    index == 1
                        ? "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor" : "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
                )
            ],
        ]
    }

    static func register(on router: Router<BasicRequestContext>, state: TestPlatformState) {
        registerAuthorization(on: router, state: state)
        registerDeepLinkingReturn(on: router, state: state)
        registerDynamicRegistration(on: router, state: state)
        registerStorage(on: router, state: state)
        // Redirects anywhere: for the outbound policy's check of every hop.
        router.get("/redirect") { request, _ in
            Response(status: .found, headers: [.location: request.uri.queryParameters.get("to") ?? "/"])
        }
        router.get("/jwks") { _, _ in
            if await state.jwksDown { return Response(status: .serviceUnavailable) }
            return try await json(state.jwksJSON())
        }
        router.post("/token") { request, _ in
            if let status = await state.takeFailure() { return Response(status: .init(code: status)) }
            let form = try await formFields(request)
            do {
                return try json(await state.issueToken(form: form))
            } catch {
                return Response(status: .badRequest)
            }
        }
        for prefix in ["/mod/lti/services.php/2/lineitems", "/api/lti/courses/7/line_items"] {
            router.get(RouterPath(prefix)) { request, _ in
                let created = await state.createdLineItems
                return try await service(request, state, scope: AGSScope.lineItem) { platform in
                    [["id": .string(platform.lineItemURL), "label": "Final exam", "scoreMaximum": 10, "resourceLinkId": "link-99", "tag": "grade"]]
                        + created
                }
            }
            let badgeItem = prefix == "/api/lti/courses/7/line_items" ? prefix + "/6" : prefix + "/6/lineitem"
            router.post(RouterPath(prefix)) { request, _ in
                guard await state.isAuthorized(request.headers[.authorization], scope: AGSScope.lineItem) else {
                    return Response(status: .unauthorized)
                }
                guard let platform = await state.platform, try await checkMoodleQuery(request, state) else { return Response(status: .notFound) }
                let body = try await request.body.collect(upTo: 1 << 16)
                let fields = try JSONDecoder().decode([String: JSONValue].self, from: Data(body.readableBytesView))
                let query = platform.flavour == .moodle ? "?type_id=3" : ""
                return try json(await state.createLineItem(fields, url: platform.baseURL + badgeItem + query))
            }
            router.post(RouterPath(badgeItem + "/scores")) { request, _ in
                guard await state.isAuthorized(request.headers[.authorization], scope: AGSScope.score) else { return Response(status: .unauthorized) }
                let body = try await request.body.collect(upTo: 1 << 16)
                let score = try JSONDecoder().decode([String: JSONValue].self, from: Data(body.readableBytesView))
                await state.recordScore(path: request.uri.path, contentType: request.headers[.contentType] ?? "", body: score)
                return Response(status: .noContent)
            }
            let item = prefix == "/api/lti/courses/7/line_items" ? prefix + "/5" : prefix + "/5/lineitem"
            router.get(RouterPath(item + "/results")) { request, _ in
                let results = await state.currentResults(fixed: results)
                return try await service(request, state, scope: AGSScope.resultReadOnly) { platform in
                    let page = Int(request.uri.queryParameters["page"].map(String.init) ?? "1") ?? 1
                    return Array(results[(page - 1) * 2..<min(page * 2, results.count)])
                } next: { platform in
                    let page = Int(request.uri.queryParameters["page"].map(String.init) ?? "1") ?? 1
                    guard page * 2 < results.count else { return nil }
                    let query = platform.flavour == .moodle ? "?type_id=3&page=\(page + 1)" : "?page=\(page + 1)"
                    return platform.baseURL + item + "/results" + query
                }
            }
            router.post(RouterPath(item + "/scores")) { request, _ in
                if let status = await state.takeFailure() { return Response(status: .init(code: status)) }
                guard await state.isAuthorized(request.headers[.authorization], scope: AGSScope.score) else { return Response(status: .unauthorized) }
                guard try await checkMoodleQuery(request, state) else { return Response(status: .notFound) }
                let body = try await request.body.collect(upTo: 1 << 16)
                let score = try JSONDecoder().decode([String: JSONValue].self, from: Data(body.readableBytesView))
                await state.recordScore(path: request.uri.path, contentType: request.headers[.contentType] ?? "", body: score)
                return Response(status: .noContent)
            }
        }
        router.get("/nrps/memberships") { request, _ in
            let members = await state.roster ?? members
            return try await service(request, state, scope: AGSScope.nrpsMembershipReadOnly, wrap: "members") { _ in
                let page = Int(request.uri.queryParameters["page"].map(String.init) ?? "1") ?? 1
                return Array(members[(page - 1) * 2..<min(page * 2, members.count)])
            } next: { platform in
                let page = Int(request.uri.queryParameters["page"].map(String.init) ?? "1") ?? 1
                return page * 2 < members.count ? platform.membershipsURL + "?page=\(page + 1)" : nil
            }
        }
    }

    private static func service(
        _ request: Request,
        _ state: TestPlatformState,
        scope: String,
        wrap: String? = nil,
        items: (TestPlatform) -> [[String: JSONValue]],
        next: (TestPlatform) -> String? = { _ in nil }
    ) async throws -> Response {
        await state.recordService(request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""))
        if let status = await state.takeFailure() { return Response(status: .init(code: status)) }
        guard await state.isAuthorized(request.headers[.authorization], scope: scope) else { return Response(status: .unauthorized) }
        guard let platform = await state.platform, try await checkMoodleQuery(request, state) else { return Response(status: .notFound) }
        let list = items(platform).map(JSONValue.object)
        let body: JSONValue = wrap.map { [$0: .array(list), "context": ["id": "course-7", "title": "Biology 101"]] } ?? .array(list)
        var response = try json(JSONEncoder().encode(body))
        if let next = next(platform) { response.headers[.init("Link")!] = "<\(next)>; rel=\"next\"" }
        return response
    }

    /// Moodle's service URLs only answer with their `type_id` query.
    private static func checkMoodleQuery(_ request: Request, _ state: TestPlatformState) async throws -> Bool {
        guard request.uri.path.hasPrefix("/mod/lti/") else { return true }
        return request.uri.queryParameters["type_id"] == "3"
    }

    private static func formFields(_ request: Request) async throws -> [String: String] {
        let body = try await request.body.collect(upTo: 1 << 16)
        var components = URLComponents()
        components.percentEncodedQuery = String(decoding: body.readableBytesView, as: UTF8.self).replacingOccurrences(of: "+", with: "%20")
        return Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
    }

    private static func json(_ data: Data) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func json(_ value: [String: JSONValue]) throws -> Response {
        try json(JSONEncoder().encode(value))
    }
}
