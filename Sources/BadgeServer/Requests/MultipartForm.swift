import Foundation

/// A `multipart/form-data` body (RFC 7578), as a browser posts a form with a file input: each
/// part's field name, file name if any, and bytes. Only what badged's forms need is read: the
/// `Content-Disposition` of each part; nested multiparts and encodings other than binary are not.
struct MultipartForm: Sendable {
    /// One field.
    struct Part: Sendable {
        /// The field's name.
        let name: String
        /// The file's name, for a file input.
        let fileName: String?
        /// The value's bytes.
        let data: Data

        /// The value as text (UTF-8), trimmed.
        var text: String { String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The most parts a form may have.
    static let maximumParts = 16

    /// The parts, in order.
    let parts: [Part]

    /// The first part named `name`.
    subscript(name: String) -> Part? { parts.first { $0.name == name } }

    /// The boundary of a `multipart/form-data` content type, if it is one.
    static func boundary(ofContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        let fields = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.first?.lowercased() == "multipart/form-data" else { return nil }
        for field in fields.dropFirst() where field.lowercased().hasPrefix("boundary=") {
            let value = field.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// Parses a body.
    /// - Throws: ``BadgeServerError`` `.badRequest` for a body that is not a well-formed form.
    init(body: Data, boundary: String) throws {
        let delimiter = Data(("--" + boundary).utf8)
        let separator = Data("\r\n\r\n".utf8)
        var parts: [Part] = []
        guard var cursor = body.range(of: delimiter)?.upperBound else { throw Self.malformed }
        while true {
            // After a delimiter: "--" ends the form, CRLF starts a part.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard body[cursor...].starts(with: Data("\r\n".utf8)) else { throw Self.malformed }
            let start = cursor + 2
            guard let headerEnd = body.range(of: separator, in: start..<body.endIndex),
                let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headerEnd.upperBound..<body.endIndex)
            else { throw Self.malformed }
            let headers = String(decoding: body[start..<headerEnd.lowerBound], as: UTF8.self)
            guard let (name, fileName) = Self.disposition(headers) else { throw Self.malformed }
            parts.append(Part(name: name, fileName: fileName, data: Data(body[headerEnd.upperBound..<next.lowerBound])))
            guard parts.count <= Self.maximumParts else { throw BadgeServerError(.badRequest, "the form has more than \(Self.maximumParts) fields") }
            cursor = next.upperBound
        }
        self.parts = parts
    }

    private static var malformed: BadgeServerError {
        BadgeServerError(.badRequest, "the form is not well-formed multipart/form-data; reload the page and try again")
    }

    /// The field name and file name of a part's `Content-Disposition: form-data; name="…"; filename="…"`.
    private static func disposition(_ headers: String) -> (String, String?)? {
        for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            var name: String?
            var fileName: String?
            for field in line.dropFirst("content-disposition:".count).split(separator: ";") {
                let pair = field.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                switch pair[0].lowercased() {
                case "name": name = value
                case "filename": fileName = value
                default: continue
                }
            }
            return name.map { ($0, fileName) }
        }
        return nil
    }
}
