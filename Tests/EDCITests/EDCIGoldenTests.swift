import EDCI
import Foundation
import Testing

/// The exported bytes are pinned: a change to the export shows up as a diff of the golden file.
/// Regenerate with `BADGED_UPDATE_GOLDEN=1 swift test --filter EDCIGoldenTests` and review the diff.
@Suite struct EDCIGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/composite-credential.xml")

    @Test func theCompositeExportMatchesTheGoldenFile() throws {
        let data = try EDCIExporter().export(SampleInput.composite).xmlData()
        if ProcessInfo.processInfo.environment["BADGED_UPDATE_GOLDEN"] == "1" {
            try data.write(to: Self.golden)
        }
        let expected = try Data(contentsOf: Self.golden)
        #expect(String(decoding: data, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }
}
