public import Foundation
public import LTI

/// The LTI Advantage calls grades to badges makes: results and members read, scores written
/// back. The server implements it with the AGS and NRPS clients and their token cache.
public protocol GradeServices: Sendable {
    /// Every result of a line item.
    func results(of lineItemURL: URL, platform: Platform) async throws -> [AGSResult]
    /// Every member of a course.
    func members(at membershipsURL: URL, platform: Platform) async throws -> [Member]
    /// Every line item of a course.
    func lineItems(at lineItemsURL: URL, platform: Platform) async throws -> [LineItem]
    /// Creates a line item in a course; returns it with its URL.
    func create(_ lineItem: LineItem, at lineItemsURL: URL, platform: Platform) async throws -> LineItem
    /// Posts a score to a line item.
    func post(_ score: Score, to lineItemURL: URL, platform: Platform) async throws
}
