import CLibXML2

/// A read-only copy of a parsed element tree, for callers outside this module that read small
/// documents with the same safe parser (LTI 1.1 POX messages): local names, namespaces, direct
/// text and element children, nothing else.
public struct ParsedXMLElement: Hashable, Sendable {
    /// The local name.
    public let name: String
    /// The namespace URI.
    public let namespace: String?
    /// The concatenated direct text and CDATA.
    public let text: String
    /// The element children, in document order.
    public let children: [ParsedXMLElement]

    /// The first child with this local name.
    public func child(_ name: String) -> ParsedXMLElement? {
        children.first { $0.name == name }
    }

    /// The element at a path of local names below this one.
    public func descendant(_ path: String...) -> ParsedXMLElement? {
        path.reduce(Optional(self)) { $0?.child($1) }
    }
}

extension LibXMLDocument {
    /// The root element as a value tree, at most `maximumElements` elements (the rest are left out).
    public func rootElement(maximumElements: Int = 1_000) -> ParsedXMLElement? {
        guard let root = xmlDocGetRootElement(pointer) else { return nil }
        var budget = maximumElements
        return Self.copy(root, budget: &budget)
    }

    private static func copy(_ node: xmlNodePtr, budget: inout Int) -> ParsedXMLElement {
        budget -= 1
        var children: [ParsedXMLElement] = []
        for child in XMLNodes.elements(node) where budget > 0 {
            children.append(copy(child, budget: &budget))
        }
        return ParsedXMLElement(name: XMLNodes.name(node), namespace: XMLNodes.namespace(node), text: XMLNodes.text(node), children: children)
    }
}
