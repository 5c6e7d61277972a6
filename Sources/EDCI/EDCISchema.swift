import CLibXML2
public import Foundation

/// A compiled EDCI XSD set, loaded once from a directory and used to validate many documents.
///
/// badged reads the EU schema files from the configured `edci.schema_dir`; nothing is fetched
/// over the network (schema imports resolve to files beside the main schema, and libxml2's
/// no-network entity loader is installed process-wide).
///
/// Thread safety: the compiled `xmlSchemaPtr` is only read after loading, and every call to
/// ``validate(_:)`` creates its own libxml2 validation context (which owns all mutable
/// validation state). That is the usage libxml2 supports for sharing one schema between
/// threads (lxml validates concurrently the same way), so one ``EDCISchema`` may be shared by
/// concurrent tasks without a lock.
public final class EDCISchema: @unchecked Sendable {
    /// The main credential schema: root `europassCredential` in `http://data.europa.eu/snb`.
    public static let credentialSchemaFile = "genericschema_1.2.xsd"
    /// The presentation wrapper schema: accepts `vp:verifiablePresentation` and `europassCredential` roots.
    public static let presentationSchemaFile = "sharedschema_generic_1.2.xsd"
    /// At most this many issues are collected per validation; the rest are counted.
    static let maxIssues = 200

    /// Serialises schema compilation process-wide.
    private static let compilation = NSLock()

    private let schema: xmlSchemaPtr
    /// The schema file this was compiled from.
    public let file: URL

    /// Loads and compiles a schema from a directory holding the EU XSD set.
    /// - Parameters:
    ///   - directory: the directory (`edci.schema_dir`), such as `../shared/edci/xsd`.
    ///   - file: the main schema file in it; ``credentialSchemaFile`` by default.
    /// - Throws: ``EDCIError`` `schemaUnavailable` when the file is missing or does not compile,
    ///   with every problem libxml2 reported.
    public init(directory: URL, file: String = EDCISchema.credentialSchemaFile) throws(EDCIError) {
        LibXMLRuntime.ensureParser()
        let url = directory.appendingPathComponent(file)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw EDCIError(.schemaUnavailable, "The EDCI schema \(url.path) does not exist or cannot be read (check edci.schema_dir)")
        }
        let collector = IssueCollector(limit: Self.maxIssues)
        let opaque = Unmanaged.passUnretained(collector).toOpaque()
        // libxml2 2.9's schema compiler shares state between concurrent compilations (two at
        // once made valid schemas fail with "The content type must specify a particle"), so
        // compilations take turns; validating with a compiled schema stays concurrent.
        Self.compilation.lock()
        defer { Self.compilation.unlock() }
        guard let parser = xmlSchemaNewParserCtxt(url.path) else {
            throw EDCIError(.schemaUnavailable, "libxml2 could not open the schema \(url.path)")
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        let compiled: xmlSchemaPtr? = withExtendedLifetime(collector) {
            xmlSchemaSetParserStructuredErrors(parser, IssueCollector.callback, opaque)
            return xmlSchemaParse(parser)
        }
        guard let compiled else {
            let detail = collector.issues.map(\.description).joined(separator: "; ")
            throw EDCIError(.schemaUnavailable, "The EDCI schema \(url.path) does not compile: \(detail)", validationErrors: collector.issues)
        }
        self.schema = compiled
        self.file = url
    }

    deinit {
        xmlSchemaFree(schema)
    }

    /// Validates a document and returns every violation (empty when the document is valid).
    public func issues(in document: LibXMLDocument) throws(EDCIError) -> [XMLIssue] {
        guard let context = xmlSchemaNewValidCtxt(schema) else {
            throw EDCIError(.internalFailure, "libxml2 could not allocate a schema validation context")
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        let collector = IssueCollector(limit: Self.maxIssues)
        let opaque = Unmanaged.passUnretained(collector).toOpaque()
        let result = withExtendedLifetime(collector) {
            xmlSchemaSetValidStructuredErrors(context, IssueCollector.callback, opaque)
            return xmlSchemaValidateDoc(context, document.pointer)
        }
        var issues = collector.issues
        if collector.dropped > 0 {
            issues.append(XMLIssue(line: 0, message: "\(collector.dropped) more schema errors not shown"))
        }
        if result > 0 && issues.isEmpty {
            issues.append(XMLIssue(line: 0, message: "the document is not valid (libxml2 gave no detail)"))
        } else if result < 0 {
            throw EDCIError(.internalFailure, "libxml2 failed while validating (internal error \(result))")
        }
        return issues
    }

    /// Validates a document and throws unless it is valid.
    /// - Throws: ``EDCIError`` `schemaInvalid`; its message names the first problems and its
    ///   `validationErrors` holds all of them with line numbers.
    public func validate(_ document: LibXMLDocument) throws(EDCIError) {
        let issues = try issues(in: document)
        guard !issues.isEmpty else { return }
        let summary = issues.prefix(3).map(\.description).joined(separator: "; ")
        let more = issues.count > 3 ? " (and \(issues.count - 3) more)" : ""
        throw EDCIError(
            .schemaInvalid,
            "The document does not validate against \(file.lastPathComponent): \(summary)\(more)",
            validationErrors: issues
        )
    }
}

/// Collects libxml2 structured errors; reached through the callback's user-data pointer.
///
/// libxml2 2.9 passes `xmlErrorPtr` (2.12+ passes `const xmlError *`): this is the only
/// structured-error callback in the module, so a library upgrade changes one place.
final class IssueCollector {
    let limit: Int
    var issues: [XMLIssue] = []
    var dropped = 0

    init(limit: Int) {
        self.limit = limit
    }

    static let callback: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        let collector = Unmanaged<IssueCollector>.fromOpaque(userData).takeUnretainedValue()
        guard collector.issues.count < collector.limit else {
            collector.dropped += 1
            return
        }
        let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
        collector.issues.append(XMLIssue(line: Int(error.pointee.line), message: message.trimmed))
    }
}
