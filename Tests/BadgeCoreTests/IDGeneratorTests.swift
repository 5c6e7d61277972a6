import BadgeCore
import Foundation
import Testing

/// The system's UUIDv7 generator: version and variant bits, time order, and random bits that
/// differ in every byte position they fill.
@Suite("UUIDv7 identifiers")
struct IDGeneratorTests {
    @Test func systemIdentifiersAreVersion7DistinctAndRandomInEveryRandomByte() {
        let generator = UUIDv7Generator()
        let ids = (0..<2_000).map { _ in generator.makeID() }
        #expect(Set(ids).count == ids.count)
        let bytes = ids.map { id in withUnsafeBytes(of: id.uuid) { Array($0) } }
        #expect(bytes.allSatisfy { $0[6] >> 4 == 7 && $0[8] >> 6 == 0b10 })
        // Each byte the random draw fills takes many values across 2,000 identifiers.
        for index in [7, 9, 10, 11, 12, 13, 14, 15] {
            #expect(Set(bytes.map { $0[index] }).count > 100, "byte \(index)")
        }
        // Time order: the 48-bit millisecond prefix never goes back.
        let prefixes = bytes.map { $0[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        #expect(zip(prefixes, prefixes.dropFirst()).allSatisfy { $0 <= $1 })
    }
}
