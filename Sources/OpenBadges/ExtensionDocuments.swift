public import Primitives

/// The JSON-LD context and JSON schema badged serves for each ``EdubadgesExtension``.
///
/// The context maps the extension's one property to `extensions:<Key>` and declares, through
/// `obi:validation`, that the schema validates nodes of type `extensions:<Name>`; this is what
/// the Open Badges verifier follows to validate an extension node.
public struct ExtensionDocuments: Sendable {
    /// The URL scheme the documents point into.
    public let urls: PublicURLs

    /// Creates the documents for a URL scheme.
    public init(urls: PublicURLs) {
        self.urls = urls
    }

    /// The context document, served at ``PublicURLs/extensionContext(_:)``.
    public func context(for ext: EdubadgesExtension) -> JSONValue {
        [
            "@context": [
                "obi": "https://w3id.org/openbadges#",
                "extensions": "https://w3id.org/openbadges/extensions#",
                ext.key: .string("extensions:\(ext.key)"),
            ],
            "obi:validation": [
                [
                    "obi:validatesType": .string(ext.typeIRI),
                    "obi:validationSchema": .string(urls.extensionSchema(ext)),
                ]
            ],
        ]
    }

    /// The JSON schema (draft 4), served at ``PublicURLs/extensionSchema(_:)``.
    public func schema(for ext: EdubadgesExtension) -> JSONValue {
        [
            "$schema": "http://json-schema.org/draft-04/schema#",
            "id": .string(urls.extensionSchema(ext)),
            "title": .string(ext.name),
            "description": .string("\(ext.summary) An Open Badges 2.0 extension of the \(ext.target.rawValue) class."),
            "type": "object",
            "properties": [
                ext.key: ext.valueSchema
            ],
            "required": [.string(ext.key)],
        ]
    }

    /// The document at a path below `/public/extensions/`, such as `ECTSExtension/schema.json`, or nil.
    public func document(atPath path: String) -> JSONValue? {
        let parts = path.split(separator: "/")
        guard parts.count == 2, let ext = EdubadgesExtension(rawValue: String(parts[0])) else { return nil }
        switch parts[1] {
        case "context.json": return context(for: ext)
        case "schema.json": return schema(for: ext)
        default: return nil
        }
    }
}
