public import Foundation

/// Paths of the files tests share with the README: `Samples/` in the repository and the
/// reference data in `../shared` beside it.
public enum SamplePaths {
    /// The repository root.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file under `Samples/`.
    public static func sample(_ relativePath: String) -> URL {
        repositoryRoot.appending(path: "Samples").appending(path: relativePath)
    }

    /// The `../shared` folder beside the repository.
    public static var shared: URL {
        repositoryRoot.deletingLastPathComponent().appending(path: "shared")
    }
}
