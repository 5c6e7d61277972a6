import Foundation

extension OutcomeRule.Condition: Codable {
    enum CodingKeys: String, CodingKey { case type, threshold }

    /// The `type` values of the JSON shape.
    public static let typeNames = ["score_ratio", "dutch_grade", "pass_fail", "completed"]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "score_ratio": self = .scoreRatio(atLeast: try container.decode(Double.self, forKey: .threshold))
        case "dutch_grade": self = .dutchGrade(atLeast: try container.decodeIfPresent(Double.self, forKey: .threshold) ?? 5.5)
        case "pass_fail": self = .passFail
        case "completed": self = .completed
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type,
                in: container,
                debugDescription: "condition.type must be one of \(Self.typeNames.joined(separator: ", "))"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .scoreRatio(let threshold):
            try container.encode("score_ratio", forKey: .type)
            try container.encode(threshold, forKey: .threshold)
        case .dutchGrade(let threshold):
            try container.encode("dutch_grade", forKey: .type)
            try container.encode(threshold, forKey: .threshold)
        case .passFail: try container.encode("pass_fail", forKey: .type)
        case .completed: try container.encode("completed", forKey: .type)
        }
    }
}
