public import Foundation

/// URL rules of LTI Advantage service endpoints.
public enum ServiceEndpoint {
    /// The URL of a sub-resource (`scores`, `results`) of a line item.
    ///
    /// Moodle's line-item URLs carry a query (`…/lineitem?type_id=3`), so the segment goes onto
    /// the path, before the query, which is kept.
    public static func lineItem(_ lineItemURL: URL, appending segment: String) throws -> URL {
        guard var components = URLComponents(url: lineItemURL, resolvingAgainstBaseURL: false) else {
            throw LTIError(.invalidRequest, "The line item URL is invalid.")
        }
        let path = components.percentEncodedPath
        components.percentEncodedPath = (path.hasSuffix("/") ? String(path.dropLast()) : path) + "/" + segment
        guard let url = components.url else { throw LTIError(.invalidRequest, "The line item URL is invalid.") }
        return url
    }

    /// The target of the `Link` header's `rel="next"` entry, if any.
    static func nextPage(fromLinkHeaders headers: [String]) -> URL? {
        for header in headers {
            for entry in header.split(separator: ",") {
                let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let target = parts.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
                let isNext = parts.dropFirst().contains { parameter in
                    let normalized = parameter.replacingOccurrences(of: " ", with: "").lowercased()
                    return normalized == "rel=\"next\"" || normalized == "rel=next"
                }
                if isNext { return URL(string: String(target.dropFirst().dropLast())) }
            }
        }
        return nil
    }
}
