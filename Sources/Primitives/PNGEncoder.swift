public import Foundation

/// Writes PNG files from raw scanlines: chunks with their CRC-32, and image data as a zlib
/// stream of stored (uncompressed) deflate blocks, so no compressor is needed. Meant for small
/// generated images (badge placeholders, QR codes), not photographs.
public enum PNGEncoder {
    /// The eight bytes every PNG file starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// One chunk: length, type, data and CRC-32.
    public static func chunk(type: String, data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(CRC32.checksum(typeBytes + data))
    }

    /// A whole image, not interlaced, every scanline with filter type 0 (none).
    /// - Parameters:
    ///   - width, height: the size in pixels.
    ///   - bitDepth: bits per sample (1 for black and white, 8 for colour).
    ///   - colorType: 0 greyscale, 2 truecolour.
    ///   - scanlines: the packed pixel bytes of each row, without the filter byte.
    public static func image(width: Int, height: Int, bitDepth: UInt8, colorType: UInt8, scanlines: [[UInt8]]) -> Data {
        var raw: [UInt8] = []
        raw.reserveCapacity(scanlines.reduce(0) { $0 + $1.count + 1 })
        for line in scanlines {
            raw.append(0)
            raw += line
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(raw.count - offset, 65_535)
            let isLast = offset + length == raw.count
            let size = UInt16(length)
            zlib += [isLast ? 1 : 0, UInt8(size & 0xFF), UInt8(size >> 8), UInt8(~size & 0xFF), UInt8(~size >> 8)]
            zlib += raw[offset..<offset + length]
            offset += length
        } while offset < raw.count
        zlib += bigEndian(adler32(raw))
        let header = bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [bitDepth, colorType, 0, 0, 0]
        var png = Data(signature)
        png.append(contentsOf: chunk(type: "IHDR", data: header))
        png.append(contentsOf: chunk(type: "IDAT", data: zlib))
        png.append(contentsOf: chunk(type: "IEND", data: []))
        return png
    }

    /// A 32-bit value, most significant byte first.
    public static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }
}
