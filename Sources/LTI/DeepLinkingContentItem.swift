public import Foundation
import Primitives

/// An `ltiResourceLink` content item returned in a deep-linking response.
public struct DeepLinkingContentItem: Hashable, Sendable {
    /// A line item the platform should create with the link (AGS).
    public struct LineItem: Hashable, Sendable {
        /// `scoreMaximum`, greater than zero.
        public var scoreMaximum: Double
        /// `label`.
        public var label: String?
        /// `resourceId`, the tool's own id for what is graded.
        public var resourceID: String?
        /// `tag`.
        public var tag: String?

        /// Creates a line item declaration.
        public init(scoreMaximum: Double, label: String? = nil, resourceID: String? = nil, tag: String? = nil) {
            self.scoreMaximum = scoreMaximum
            self.label = label
            self.resourceID = resourceID
            self.tag = tag
        }
    }

    /// `title`.
    public var title: String
    /// `url`, the launch URL of the link (the platform's default launch URL when `nil`).
    public var url: URL?
    /// `text`.
    public var text: String?
    /// `custom` parameters sent back on each launch of the link.
    public var custom: [String: String]
    /// `lineItem`.
    public var lineItem: LineItem?

    /// Creates a resource link item.
    public init(title: String, url: URL? = nil, text: String? = nil, custom: [String: String] = [:], lineItem: LineItem? = nil) {
        self.title = title
        self.url = url
        self.text = text
        self.custom = custom
        self.lineItem = lineItem
    }

    var json: JSONValue {
        var item: [String: JSONValue] = ["type": "ltiResourceLink", "title": .string(title)]
        if let url { item["url"] = .string(url.absoluteString) }
        if let text { item["text"] = .string(text) }
        if !custom.isEmpty { item["custom"] = .object(custom.mapValues(JSONValue.string)) }
        if let lineItem {
            var line: [String: JSONValue] = ["scoreMaximum": .double(lineItem.scoreMaximum)]
            if let label = lineItem.label { line["label"] = .string(label) }
            if let resourceID = lineItem.resourceID { line["resourceId"] = .string(resourceID) }
            if let tag = lineItem.tag { line["tag"] = .string(tag) }
            item["lineItem"] = .object(line)
        }
        return .object(item)
    }
}
