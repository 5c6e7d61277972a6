import CLibXML2

/// A small value tree the exporter builds before libxml2 sees it: building stays pure and
/// testable, and one renderer owns every libxml2 tree call.
struct XMLTree: Hashable, Sendable {
    /// The namespaces the exporter writes; `eup` is the default namespace of the document.
    enum Namespace: String, Hashable, Sendable, CaseIterable {
        case eup = "http://data.europa.eu/snb"
        case cred = "http://data.europa.eu/europass/model/credentials/w3c#"

        var prefix: String? { self == .eup ? nil : "cred" }
    }

    struct Attribute: Hashable, Sendable {
        var namespace: Namespace?
        var name: String
        var value: String
    }

    enum Child: Hashable, Sendable {
        case element(XMLTree)
        case text(String)
    }

    var namespace: Namespace
    var name: String
    var attributes: [Attribute]
    var children: [Child]

    init(_ name: String, namespace: Namespace = .eup, _ attributes: [(String, String)] = [], children: [XMLTree] = []) {
        self.namespace = namespace
        self.name = name
        self.attributes = attributes.map { Attribute(namespace: nil, name: $0.0, value: $0.1) }
        self.children = children.map(Child.element)
    }

    /// An element holding only text.
    init(_ name: String, namespace: Namespace = .eup, _ attributes: [(String, String)] = [], text: String) {
        self.init(name, namespace: namespace, attributes)
        self.children = [.text(text)]
    }

    /// Renders the tree as a new document with this element as the root.
    func makeDocument() throws(EDCIError) -> LibXMLDocument {
        LibXMLRuntime.ensureParser()
        guard let doc = xmlNewDoc("1.0") else { throw EDCIError(.internalFailure, "libxml2 could not allocate a document") }
        let document = LibXMLDocument(adopting: doc)
        guard let root = xmlNewDocNode(doc, nil, name, nil) else {
            throw EDCIError(.internalFailure, "libxml2 could not allocate an element")
        }
        xmlDocSetRootElement(doc, root)
        var namespaces: [Namespace: xmlNsPtr] = [:]
        for namespace in Namespace.allCases {
            namespaces[namespace] = xmlNewNs(root, namespace.rawValue, namespace.prefix)
        }
        try fill(root, namespaces: namespaces, depth: 0)
        return document
    }

    /// Fills `node`, indenting element-only content by two spaces per level as text nodes, so
    /// that the document serializes indented without libxml2's formatter (and without a
    /// re-parse), and what is signed is exactly what is written.
    private func fill(_ node: xmlNodePtr, namespaces: [Namespace: xmlNsPtr], depth: Int) throws(EDCIError) {
        xmlSetNs(node, namespaces[namespace])
        for attribute in attributes {
            let value = Self.xmlSafe(attribute.value)
            if let namespace = attribute.namespace {
                xmlNewNsProp(node, namespaces[namespace], attribute.name, value)
            } else {
                xmlNewProp(node, attribute.name, value)
            }
        }
        let indents = !children.isEmpty && children.allSatisfy { if case .element = $0 { true } else { false } }
        for child in children {
            switch child {
            case .text(let text):
                // xmlNodeAddContent stores raw text; the serializer escapes it.
                xmlNodeAddContent(node, Self.xmlSafe(text))
            case .element(let element):
                if indents { xmlAddChild(node, xmlNewDocText(node.pointee.doc, "\n" + String(repeating: "  ", count: depth + 1))) }
                guard let created = xmlNewChild(node, namespaces[element.namespace], element.name, nil) else {
                    throw EDCIError(.internalFailure, "libxml2 could not allocate an element")
                }
                try element.fill(created, namespaces: namespaces, depth: depth + 1)
            }
        }
        if indents { xmlAddChild(node, xmlNewDocText(node.pointee.doc, "\n" + String(repeating: "  ", count: depth))) }
    }

    /// Replaces characters XML 1.0 cannot carry (control characters, NUL) with U+FFFD.
    static func xmlSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isXMLCharacter($0) }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isXMLCharacter($0) ? $0 : "\u{FFFD}" }))
    }

    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}

extension XMLTree {
    /// Adds a cred-namespace attribute.
    func with(credAttribute name: String, _ value: String) -> XMLTree {
        var copy = self
        copy.attributes.insert(Attribute(namespace: .cred, name: name, value: value), at: 0)
        return copy
    }
}
