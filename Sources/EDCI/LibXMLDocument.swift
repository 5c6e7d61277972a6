import CLibXML2
public import Foundation

/// An XML document parsed (or built) with libxml2, owning its `xmlDocPtr`.
///
/// Parsing is safe for untrusted input: the size is bounded before libxml2 sees a byte, the
/// network is never used, entities are never expanded, and a DOCTYPE that declares entities or
/// points at an external DTD is refused outright (this stops "billion laughs" and XXE before
/// any expansion happens). libxml2's default depth limit (256) stays on because
/// `XML_PARSE_HUGE` is never passed.
///
/// The tree is mutable C state, so the type is not `Sendable`: use one document on one task.
public final class LibXMLDocument {
    /// Bounds applied when parsing.
    public struct Limits: Sendable, Hashable {
        /// The largest accepted input, in bytes.
        public var maxBytes: Int

        /// Creates limits.
        public init(maxBytes: Int) {
            self.maxBytes = maxBytes
        }

        /// 5 MiB: several times the largest EU sample (the 939 KB presentation).
        public static let `default` = Limits(maxBytes: 5 * 1024 * 1024)
    }

    let pointer: xmlDocPtr

    /// Takes ownership of a document created by libxml2; it is freed with this object.
    init(adopting pointer: xmlDocPtr) {
        self.pointer = pointer
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// Parses untrusted XML.
    /// - Parameters:
    ///   - data: the document's bytes.
    ///   - limits: size bounds; the default is 5 MiB.
    /// - Throws: ``EDCIError`` with code `tooLarge`, `forbiddenConstruct` (entity declarations,
    ///   external DTD) or `malformed` (with the line and libxml2's message).
    public convenience init(parsing data: Data, limits: Limits = .default) throws(EDCIError) {
        guard data.count <= limits.maxBytes else {
            throw EDCIError(.tooLarge, "The XML document is \(data.count) bytes; the limit is \(limits.maxBytes) bytes")
        }
        guard !data.isEmpty else { throw EDCIError(.malformed, "The XML document is empty") }
        LibXMLRuntime.ensureParser()
        self.init(adopting: try SafeParser.parse(data))
    }

    /// Parses untrusted XML from a string; see ``init(parsing:limits:)``.
    public convenience init(parsing text: String, limits: Limits = .default) throws(EDCIError) {
        try self.init(parsing: Data(text.utf8), limits: limits)
    }

    /// The root element's local name, such as `europassCredential`.
    public var rootElementName: String? {
        xmlDocGetRootElement(pointer).map { XMLNodes.name($0) }
    }

    /// The root element's namespace URI, such as `http://data.europa.eu/snb`.
    public var rootNamespace: String? {
        xmlDocGetRootElement(pointer).flatMap { XMLNodes.namespace($0) }
    }

    /// The document as UTF-8 bytes with an XML declaration.
    /// - Parameter pretty: indent elements that hold no text. Leave it off for signed documents:
    ///   the signature covers the tree exactly as it is.
    public func serialized(pretty: Bool = false) -> Data {
        guard let buffer = xmlBufferCreate() else { return Data() }
        defer { xmlBufferFree(buffer) }
        let options = Int32(pretty ? XML_SAVE_FORMAT.rawValue : 0)
        guard let context = xmlSaveToBuffer(buffer, "UTF-8", options) else { return Data() }
        xmlSaveDoc(context, pointer)
        xmlSaveClose(context)
        guard let content = xmlBufferContent(buffer) else { return Data() }
        return Data(bytes: content, count: Int(xmlBufferLength(buffer)))
    }
}
