public import Foundation
import Primitives

/// Bakes an assertion into a PNG and reads it back: an uncompressed `iTXt` chunk with keyword
/// `openbadges` before `IEND`, holding the assertion JSON (hosted) or the JWS (signed).
public struct PNGBaker: Sendable {
    /// The keyword of the baked chunk.
    public static let keyword = "openbadges"

    /// The largest image accepted.
    public let maximumImageBytes: Int
    /// The largest payload accepted.
    public let maximumPayloadBytes: Int

    /// Creates a baker with size bounds.
    public init(maximumImageBytes: Int = 8 << 20, maximumPayloadBytes: Int = 256 << 10) {
        self.maximumImageBytes = maximumImageBytes
        self.maximumPayloadBytes = maximumPayloadBytes
    }

    /// Returns `png` with `payload` baked in, replacing any earlier `openbadges` chunk.
    /// - Throws: ``OpenBadgesError`` `.tooLarge`, or `.invalidImage` if `png` is not a well-formed PNG.
    public func bake(_ png: Data, payload: String) throws(OpenBadgesError) -> Data {
        guard payload.utf8.count <= maximumPayloadBytes else { throw OpenBadgesError(.tooLarge, "the baked payload is too large") }
        let chunks = try parse(png).filter { !Self.isBadgeChunk($0) }
        var text: [UInt8] = Array(Self.keyword.utf8)
        text += [0, 0, 0, 0, 0]  // keyword end, not compressed, method 0, empty language tag, empty translated keyword
        text += Array(payload.utf8)
        var output = Data(PNGEncoder.signature)
        for chunk in chunks {
            if chunk.type == "IEND" { Self.append(Chunk(type: "iTXt", data: text), to: &output) }
            Self.append(chunk, to: &output)
        }
        return output
    }

    /// The baked payload, or nil if the PNG has none.
    /// - Throws: ``OpenBadgesError`` `.tooLarge`, or `.invalidImage` for a malformed PNG or a
    ///   compressed `openbadges` chunk.
    public func extract(from png: Data) throws(OpenBadgesError) -> String? {
        guard let chunk = try parse(png).first(where: Self.isBadgeChunk) else { return nil }
        // keyword \0, compression flag, method, language \0, translated keyword \0, text
        var fields = chunk.data.dropFirst(Self.keyword.utf8.count + 1)
        guard fields.count >= 2, fields[fields.startIndex] == 0 else {
            throw OpenBadgesError(.invalidImage, "compressed openbadges chunks are not supported")
        }
        fields = fields.dropFirst(2)
        for _ in 0..<2 {
            guard let end = fields.firstIndex(of: 0) else { throw OpenBadgesError(.invalidImage, "malformed iTXt chunk") }
            fields = fields[(end + 1)...]
        }
        guard let text = String(validating: fields, as: UTF8.self) else {
            throw OpenBadgesError(.invalidImage, "the baked payload is not UTF-8")
        }
        return text
    }

    struct Chunk {
        var type: String
        var data: [UInt8]
    }

    private static func isBadgeChunk(_ chunk: Chunk) -> Bool {
        chunk.type == "iTXt" && chunk.data.starts(with: Array(keyword.utf8) + [0])
    }

    func parse(_ png: Data) throws(OpenBadgesError) -> [Chunk] {
        guard png.count <= maximumImageBytes else { throw OpenBadgesError(.tooLarge, "the image is larger than \(maximumImageBytes) bytes") }
        let bytes = [UInt8](png)
        guard bytes.starts(with: PNGEncoder.signature) else { throw OpenBadgesError(.invalidImage, "not a PNG image") }
        var chunks: [Chunk] = []
        var offset = PNGEncoder.signature.count
        while offset < bytes.count {
            guard bytes.count - offset >= 12 else { throw OpenBadgesError(.invalidImage, "truncated PNG chunk") }
            let length = Int(Self.uint32(bytes, offset))
            guard length <= bytes.count - offset - 12 else { throw OpenBadgesError(.invalidImage, "truncated PNG chunk") }
            let typeBytes = bytes[(offset + 4)..<(offset + 8)]
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw OpenBadgesError(.invalidImage, "bad PNG chunk type")
            }
            let data = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            guard CRC32.checksum(typeBytes + data) == Self.uint32(bytes, offset + 8 + length) else {
                throw OpenBadgesError(.invalidImage, "bad PNG chunk CRC")
            }
            let chunk = Chunk(type: String(decoding: typeBytes, as: UTF8.self), data: data)
            if chunks.isEmpty && chunk.type != "IHDR" { throw OpenBadgesError(.invalidImage, "a PNG must start with IHDR") }
            chunks.append(chunk)
            offset += 12 + length
            if chunk.type == "IEND" { break }
        }
        guard chunks.last?.type == "IEND" else { throw OpenBadgesError(.invalidImage, "the PNG has no IEND chunk") }
        return chunks
    }

    static func append(_ chunk: Chunk, to output: inout Data) {
        output.append(contentsOf: PNGEncoder.chunk(type: chunk.type, data: chunk.data))
    }

    private static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
