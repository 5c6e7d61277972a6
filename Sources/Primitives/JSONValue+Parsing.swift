public import Foundation

extension JSONValue {
    /// Parses one JSON text with Foundation's `JSONSerialization` straight into a value.
    ///
    /// Decoding `JSONValue` through `Codable` tries each type in turn and throws on every miss;
    /// for an id_token's claims that was ~4 % of a launch's CPU. `JSONSerialization` reads the
    /// text once into Foundation objects, which map one to one onto values: integers that fit an
    /// `Int` become ``int(_:)``, other numbers ``double(_:)``, JSON's `true` and `false` (Foundation's
    /// boolean numbers) ``bool(_:)``; of duplicate object members one is kept.
    /// - Parameters:
    ///   - bytes: UTF-8 JSON text; surrounding whitespace is allowed, anything else after the
    ///     value is not.
    ///   - maximumDepth: The deepest nesting of arrays and objects accepted.
    /// - Returns: The value, or nil when the text is not well-formed JSON or nests deeper than
    ///   `maximumDepth`.
    public init?(parsing bytes: some Collection<UInt8>, maximumDepth: Int = 512) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]),
            let value = Self(foundation: object, depth: 0, maximumDepth: maximumDepth)
        else { return nil }
        self = value
    }

    /// The value of a Foundation object as `JSONSerialization` returns them.
    private init?(foundation object: Any, depth: Int, maximumDepth: Int) {
        // The common cases first: every failed cast from `Any` costs a runtime lookup.
        switch object {
        case let string as String:
            self = .string(string)
        case let dictionary as [String: Any]:
            guard depth < maximumDepth else { return nil }
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(dictionary.count)
            for (key, member) in dictionary {
                guard let value = Self(foundation: member, depth: depth + 1, maximumDepth: maximumDepth) else { return nil }
                members[key] = value
            }
            self = .object(members)
        case let number as NSNumber:
            guard let value = Self(number: number) else { return nil }
            self = value
        case let array as [Any]:
            guard depth < maximumDepth else { return nil }
            var elements: [JSONValue] = []
            elements.reserveCapacity(array.count)
            for element in array {
                guard let value = Self(foundation: element, depth: depth + 1, maximumDepth: maximumDepth) else { return nil }
                elements.append(value)
            }
            self = .array(elements)
        case is NSNull:
            self = .null
        default:
            return nil
        }
    }

    /// A number: JSON's booleans come as Foundation's boolean numbers (C type `c`), integers as
    /// signed or unsigned integers, the rest as doubles.
    private init?(number: NSNumber) {
        switch String(cString: number.objCType) {
        case "c", "B":
            self = .bool(number.boolValue)
        case "d", "f":
            guard number.doubleValue.isFinite else { return nil }
            self = .double(number.doubleValue)
        case "Q", "L", "I", "S", "C":
            if let value = Int(exactly: number.uint64Value) { self = .int(value) } else { self = .double(number.doubleValue) }
        default:
            self = .int(number.intValue)
        }
    }
}
