public import BadgeCore
public import Foundation

/// The sample university of `Samples/catalog/`, as tests use it.
public enum SampleCatalog {
    /// The sample file's path.
    public static let fileURL = SamplePaths.sample("catalog/universiteit-harderwijk.json")

    /// The parsed sample tree with reproducible identifiers and times.
    public static func tree(ids: some IDGenerator = CountingIDGenerator(), now: Date = FixedTimeSource().now()) throws -> CatalogTree {
        try CatalogTree(importing: try Data(contentsOf: fileURL), ids: ids, now: now)
    }

    /// The sample micro-credential: valid, 5 EC.
    public static func microCredential() throws -> BadgeClass {
        guard let found = try tree().badgeClasses.first(where: { $0.kind == .microCredential }) else {
            throw TestSetupError("the sample catalogue has no micro-credential")
        }
        return found.content
    }
}
