public import BadgeCore
public import Hummingbird

// Records and pages are returned from handlers as they are; they encode with the context's
// JSON encoder (ISO 8601 dates, sorted keys).
extension Record: ResponseGenerator, ResponseEncodable {}
extension Page: ResponseGenerator, ResponseEncodable where Item: Encodable {}
