import HTTPTypes
import OpenAPIKit

/// The operations routes: health, readiness, metrics and the OpenAPI document.
extension Route {
    /// `GET /healthz`: the process answers.
    static let health = Route(
        .get,
        "healthz",
        audience: .operations,
        id: "health",
        summary: "The process is up",
        response: .json(.component("Status"))
    )

    /// `GET /readyz`: the database answers.
    static let readiness = Route(
        .get,
        "readyz",
        audience: .operations,
        id: "readiness",
        summary: "The database answers",
        response: .json(.component("Status")),
        problems: [503]
    )

    /// `GET /metrics`: Prometheus text format.
    static let metrics = Route(
        .get,
        "metrics",
        audience: .operations,
        id: "metrics",
        summary: "Prometheus metrics in text format",
        response: .text
    )

    /// `GET /openapi.json`: the OpenAPI document built from this table.
    static let openAPI = Route(
        .get,
        "openapi.json",
        audience: .operations,
        id: "openapi",
        summary: "This document",
        response: .json(.object)
    )
}
