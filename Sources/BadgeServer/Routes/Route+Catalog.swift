import HTTPTypes
import OpenAPIKit

extension Route {
    /// The five routes of one catalog collection under `/api/v1/<collection>`: list, create,
    /// show, update (JSON Merge Patch) and archive.
    struct Catalog: Sendable {
        /// The path segment, such as `badge-classes`.
        let collection: String
        /// The component schema of an entry's content, such as `BadgeClass`.
        let schema: String
        /// The query parameter that selects the children of one parent, if the kind has a
        /// parent below the institution.
        let parentFilter: String?

        /// Institutions.
        static let institutions = Catalog(collection: "institutions", schema: "Institution", parentFilter: nil)
        /// Faculties (institution_id is a filter every collection has).
        static let faculties = Catalog(collection: "faculties", schema: "Faculty", parentFilter: nil)
        /// Issuers, by faculty.
        static let issuers = Catalog(collection: "issuers", schema: "Issuer", parentFilter: "faculty_id")
        /// Badge classes, by issuer.
        static let badgeClasses = Catalog(collection: "badge-classes", schema: "BadgeClass", parentFilter: "issuer_id")

        /// Every catalog collection.
        static let all = [institutions, faculties, issuers, badgeClasses]

        /// The collection at a path segment. An unknown one gets routes under that segment
        /// with a generic schema (and the route table test fails, since no table lists them).
        static func named(_ collection: String) -> Catalog {
            all.first { $0.collection == collection } ?? Catalog(collection: collection, schema: "object", parentFilter: nil)
        }

        /// `GET /api/v1/<collection>`: a page of entries.
        var list: Route {
            var parameters: [Parameter] = [
                .query("limit", "Page size, 1-200 (default 50)", .integer),
                .query("after", "The next_cursor of the previous page", .uuid),
                .query("include_archived", "Include archived entries", .boolean),
                .query("institution_id", "Only this institution's entries", .uuid),
            ]
            if let parentFilter { parameters.append(.query(parentFilter, "Only the children of this parent", .uuid)) }
            let page = JSONSchema.fields(
                ["items": .array(items: record), "next_cursor": .string(format: .uuid, nullable: true)],
                required: ["items", "next_cursor"]
            )
            return Route(
                .get,
                collection,
                audience: .admin,
                id: "list-\(collection)",
                summary: "List \(collection)",
                parameters: parameters,
                response: .json(page)
            )
        }

        /// `POST /api/v1/<collection>`: a new entry.
        var create: Route {
            Route(
                .post,
                collection,
                audience: .admin,
                id: "create-\(collection)",
                summary: "Create an entry",
                request: .json(.component(schema)),
                status: 201,
                response: .json(record),
                problems: [403, 409, 413, 422]
            )
        }

        /// `GET /api/v1/<collection>/{id}`: one entry.
        var show: Route {
            Route(
                .get,
                "\(collection)/:id",
                audience: .admin,
                id: "show-\(collection)",
                summary: "One entry",
                parameters: [.path("id", .uuid)],
                response: .json(record),
                problems: [403, 404]
            )
        }

        /// `PATCH /api/v1/<collection>/{id}`: a JSON Merge Patch of an entry.
        var update: Route {
            Route(
                .patch,
                "\(collection)/:id",
                audience: .admin,
                id: "update-\(collection)",
                summary: "Change an entry (JSON Merge Patch, RFC 7396)",
                parameters: [.path("id", .uuid)],
                request: .mergePatch,
                response: .json(record),
                problems: [403, 404, 409, 413, 422]
            )
        }

        /// `POST /api/v1/<collection>/{id}/archive`: archives an entry.
        var archive: Route {
            Route(
                .post,
                "\(collection)/:id/archive",
                audience: .admin,
                id: "archive-\(collection)",
                summary: "Archive an entry (kept, but takes no new children)",
                parameters: [.path("id", .uuid)],
                response: .json(record),
                problems: [403, 404]
            )
        }

        /// The five routes, in the order the OpenAPI document lists them.
        var routes: [Route] { [list, create, show, update, archive] }

        private var record: JSONSchema { .component("\(schema)Record") }
    }
}
