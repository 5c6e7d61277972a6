import BadgeCore
import Foundation
import Hummingbird
import NIOCore
import Prometheus

/// `/healthz` (the process answers), `/readyz` (the database answers) and `/metrics`
/// (Prometheus text format).
struct HealthController: Sendable {
    let database: any ReadinessProbe
    let metrics: PrometheusCollectorRegistry

    func addRoutes(to router: Router<AppRequestContext>) {
        let info = metrics.makeGauge(name: "badged_info", labels: [("version", BadgedVersion.current)], help: "badged build information")
        info.set(1.0)
        let engine = database.engineName
        let ready = metrics.makeGauge(
            name: "badged_database_ready",
            labels: [("engine", engine)],
            help: "1 when the last readiness check reached the database"
        )
        router.on(Route.health) { _, _ in Status(status: "ok") }
        router.on(Route.readiness) { _, _ -> Response in
            let reachable = await database.isReachable()
            ready.set(reachable ? 1.0 : 0.0)
            guard reachable else {
                return ProblemDetails(
                    status: .serviceUnavailable,
                    title: "Not ready",
                    detail: "the \(engine) database does not answer",
                    code: "unavailable"
                ).response()
            }
            return Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"database":"\#(engine)","status":"ready"}"#))
            )
        }
        router.on(Route.metrics) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer()))
            )
        }
    }

    struct Status: ResponseEncodable {
        let status: String
    }
}

/// The version badged reports in `/metrics` and the OpenAPI document.
enum BadgedVersion {
    static let current = "0.1.0"
}
