import CLibXML2

/// Small read helpers over libxml2 nodes that allocate nothing on the C side (so no `xmlFree`).
enum XMLNodes {
    static func string(_ chars: UnsafePointer<xmlChar>?) -> String? {
        chars.map { String(cString: $0) }
    }

    static func name(_ node: xmlNodePtr) -> String {
        string(node.pointee.name) ?? ""
    }

    static func namespace(_ node: xmlNodePtr) -> String? {
        node.pointee.ns.flatMap { string($0.pointee.href) }
    }

    /// The element children, in document order.
    static func elements(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    /// The concatenated text and CDATA of the direct children.
    static func text(_ node: xmlNodePtr) -> String {
        var result = ""
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                result += string(current.pointee.content) ?? ""
            }
            child = current.pointee.next
        }
        return result
    }

    /// The attributes as (namespace, local name, value).
    static func attributes(_ node: xmlNodePtr) -> [(namespace: String?, name: String, value: String)] {
        var result: [(String?, String, String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = string(current.pointee.name) ?? ""
            let namespace = current.pointee.ns.flatMap { string($0.pointee.href) }
            var value = ""
            var child = current.pointee.children
            while let text = child {
                value += string(text.pointee.content) ?? ""
                child = text.pointee.next
            }
            result.append((namespace, name, value))
            attribute = current.pointee.next
        }
        return result
    }

    /// The value of an attribute without a namespace, or in the given one.
    static func attribute(_ node: xmlNodePtr, _ name: String, namespace: String? = nil) -> String? {
        attributes(node).first { $0.name == name && $0.namespace == namespace }?.value
    }
}
