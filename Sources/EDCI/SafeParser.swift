import CLibXML2
import Foundation

/// Parses untrusted bytes with libxml2 under badged's rules: no network, no entity
/// substitution, no DTD loading, and no DOCTYPE at all.
///
/// The refusal happens in SAX callbacks, while the DOCTYPE is being read and before any entity
/// is referenced, so a "billion laughs" document costs no more than its own size.
enum SafeParser {
    /// What the SAX callbacks saw; reached through the parser context's `_private` pointer.
    private final class Guard {
        var refusal: String?
        var line: Int = 0
        /// The line of a DOCTYPE without external parts, refused once its declarations were read
        /// (so that an entity declaration in it is named in the refusal).
        var doctypeLine: Int?
    }

    /// The libxml2 options: never `XML_PARSE_NOENT`, `XML_PARSE_DTDLOAD`, `XML_PARSE_DTDATTR` or `XML_PARSE_HUGE`.
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    static func parse(_ data: Data) throws(EDCIError) -> xmlDocPtr {
        guard let context = xmlNewParserCtxt() else {
            throw EDCIError(.internalFailure, "libxml2 could not allocate a parser context")
        }
        defer { xmlFreeParserCtxt(context) }
        let guardState = Guard()
        let unmanaged = Unmanaged.passRetained(guardState)
        defer { unmanaged.release() }
        context.pointee._private = unmanaged.toOpaque()
        context.pointee.sax.pointee.internalSubset = onInternalSubset
        context.pointee.sax.pointee.entityDecl = onEntityDeclaration

        let document: xmlDocPtr? = data.withUnsafeBytes { raw in
            let bytes = raw.baseAddress?.assumingMemoryBound(to: CChar.self)
            return xmlCtxtReadMemory(context, bytes, Int32(raw.count), "input.xml", nil, options)
        }
        if guardState.refusal == nil, let line = guardState.doctypeLine {
            guardState.refusal = "The document has a DOCTYPE; EDCI documents carry none, and none is accepted"
            guardState.line = line
        }
        if let refusal = guardState.refusal {
            if let document { xmlFreeDoc(document) }
            throw EDCIError(.forbiddenConstruct, "line \(guardState.line): \(refusal)")
        }
        guard let document, context.pointee.wellFormed != 0 else {
            if let document { xmlFreeDoc(document) }
            let issue = lastIssue(of: context)
            throw EDCIError(.malformed, "The input is not well-formed XML: \(issue)")
        }
        return document
    }

    /// libxml2's last error recorded on the context (never the process-global one).
    private static func lastIssue(of context: xmlParserCtxtPtr) -> XMLIssue {
        guard let error = xmlCtxtGetLastError(context), let message = error.pointee.message else {
            return XMLIssue(line: 0, message: "unknown parse error")
        }
        return XMLIssue(line: Int(error.pointee.line), message: String(cString: message).trimmed)
    }

    private static func refuse(_ context: UnsafeMutableRawPointer?, _ reason: String) {
        guard let context else { return }
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let opaque = parser.pointee._private else { return }
        let state = Unmanaged<Guard>.fromOpaque(opaque).takeUnretainedValue()
        if state.refusal == nil {
            state.refusal = reason
            state.line = Int(xmlSAX2GetLineNumber(context))
        }
        xmlStopParser(parser)
    }

    /// Every DOCTYPE is refused: EDCI documents never carry one. One naming an external DTD
    /// (`SYSTEM` or `PUBLIC`) is refused at once; for an internal one the parse goes on through
    /// its declarations (an entity declaration is refused by name) and ends refused.
    private static let onInternalSubset: internalSubsetSAXFunc = { context, name, externalID, systemID in
        if externalID != nil || systemID != nil {
            SafeParser.refuse(context, "The DOCTYPE refers to an external DTD; external DTDs and entities are not accepted")
            return
        }
        if let context, let opaque = context.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private {
            let state = Unmanaged<Guard>.fromOpaque(opaque).takeUnretainedValue()
            state.doctypeLine = state.doctypeLine ?? Int(xmlSAX2GetLineNumber(context))
        }
        xmlSAX2InternalSubset(context, name, externalID, systemID)
    }

    /// Any entity declaration is refused: EDCI documents never need one, and they are the
    /// vehicle for entity-expansion bombs and external-entity (XXE) reads.
    private static let onEntityDeclaration: entityDeclSAXFunc = { context, name, type, _, systemID, _ in
        let entity = name.map { String(cString: $0) } ?? "?"
        let external = systemID != nil
        SafeParser.refuse(
            context,
            external
                ? "The DOCTYPE declares the external entity '\(entity)'; external entities are not accepted"
                : "The DOCTYPE declares the entity '\(entity)'; entity declarations are not accepted"
        )
    }
}
