import BadgeCore
import CLibXML2
import Foundation

/// Reads a document while recording which elements and attributes were used, so that
/// everything else can be reported as a diagnostic instead of being dropped silently.
final class ImportReader {
    private var usedElements: Set<UnsafeMutableRawPointer> = []
    private var usedAttributes: Set<AttributeKey> = []
    private var ids: [String: xmlNodePtr] = [:]

    init(root: xmlNodePtr) {
        index(root)
    }

    private func index(_ node: xmlNodePtr) {
        if let id = XMLNodes.attribute(node, "id"), ids[id] == nil { ids[id] = node }
        XMLNodes.elements(node).forEach(index)
    }

    // MARK: marking

    func use(_ node: xmlNodePtr, attributes: [String] = []) {
        usedElements.insert(UnsafeMutableRawPointer(node))
        for name in attributes { usedAttributes.insert(key(node, name)) }
    }

    /// Marks an element and everything inside it (labels of a code whose URI was kept, a signature).
    func useSubtree(_ node: xmlNodePtr) {
        use(node, attributes: XMLNodes.attributes(node).map(\.name))
        XMLNodes.elements(node).forEach(useSubtree)
    }

    /// An attribute of one element node.
    private struct AttributeKey: Hashable {
        let node: UnsafeMutableRawPointer
        let name: String
    }

    private func key(_ node: xmlNodePtr, _ attribute: String) -> AttributeKey {
        AttributeKey(node: UnsafeMutableRawPointer(node), name: attribute)
    }

    // MARK: reading

    func children(_ node: xmlNodePtr, _ name: String) -> [xmlNodePtr] {
        XMLNodes.elements(node).filter { XMLNodes.name($0) == name }
    }

    func child(_ node: xmlNodePtr, _ name: String) -> xmlNodePtr? {
        children(node, name).first
    }

    /// An attribute's value, marked used.
    func attribute(_ node: xmlNodePtr, _ name: String, namespace: String? = nil) -> String? {
        guard let value = XMLNodes.attribute(node, name, namespace: namespace) else { return nil }
        usedAttributes.insert(key(node, name))
        return value
    }

    /// A simple element's text, marked used.
    func value(_ node: xmlNodePtr?) -> String? {
        guard let node else { return nil }
        use(node, attributes: ["schemeID"])
        return XMLNodes.text(node).trimmed
    }

    /// The record an `idref` points at, with the referring element and attribute marked used.
    func resolve(_ reference: xmlNodePtr?) -> xmlNodePtr? {
        guard let reference, let id = attribute(reference, "idref") else { return nil }
        use(reference, attributes: ["idref"])
        return ids[id]
    }

    /// The en and nl `text` children of a multilingual element; other languages stay unused.
    func localized(_ node: xmlNodePtr?) -> LocalizedText {
        guard let node else { return LocalizedText() }
        use(node)
        var result = LocalizedText()
        for text in children(node, "text") {
            let language = XMLNodes.attribute(text, "lang")
            guard language == "en" || language == "nl" else { continue }
            use(text, attributes: ["lang", "content-type"])
            let content = XMLNodes.text(text).trimmed
            if language == "en", result.en == nil { result.en = content } else if language == "nl", result.nl == nil { result.nl = content }
        }
        return result
    }

    /// The first text in any language (names of people carry no language meaning).
    func anyText(_ node: xmlNodePtr?) -> String? {
        guard let node else { return nil }
        use(node)
        guard let text = children(node, "text").first else { return nil }
        use(text, attributes: ["lang", "content-type"])
        let value = XMLNodes.text(text).trimmed
        return value.isEmpty ? nil : value
    }

    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    // MARK: what was not used

    /// One diagnostic per unused element whose parent was used, and per unused attribute of a used element.
    func diagnostics(from root: xmlNodePtr) -> [ConversionDiagnostic] {
        var result: [ConversionDiagnostic] = []
        walk(root, path: "/" + XMLNodes.name(root), into: &result)
        return result
    }

    private func walk(_ node: xmlNodePtr, path: String, into result: inout [ConversionDiagnostic]) {
        guard usedElements.contains(UnsafeMutableRawPointer(node)) else {
            result.append(ConversionDiagnostic(path: path, message: unusedMessage(node)))
            return
        }
        for attribute in XMLNodes.attributes(node) where !usedAttributes.contains(key(node, attribute.name)) {
            guard attribute.name != "schemaLocation" else { continue }  // xsi hint, not content
            result.append(ConversionDiagnostic(path: "\(path)/@\(attribute.name)", message: "the attribute has no place in the edubadges model"))
        }
        let named = XMLNodes.elements(node).map { (node: $0, name: XMLNodes.name($0)) }
        let counts = Dictionary(named.map { ($0.name, 1) }, uniquingKeysWith: +)
        var seen: [String: Int] = [:]
        for (child, name) in named {
            seen[name, default: 0] += 1
            let many = (counts[name] ?? 0) > 1
            walk(child, path: "\(path)/\(name)" + (many ? "[\(seen[name] ?? 1)]" : ""), into: &result)
        }
    }

    private func unusedMessage(_ node: xmlNodePtr) -> String {
        if XMLNodes.name(node) == "text", let language = XMLNodes.attribute(node, "lang") {
            return "text in language '\(language)' has no place in edubadges (English and Dutch only)"
        }
        return "the element has no place in the edubadges model"
    }
}
