public import Foundation

/// Generated images for badge classes that have none of their own.
public enum DefaultBadgeImage {
    /// A square PNG of one colour (RGB, 8 bits), built in code: IDAT uses stored (uncompressed)
    /// deflate blocks, so no compressor is needed.
    /// - Parameters:
    ///   - size: width and height in pixels, 1 to 128.
    ///   - red, green, blue: the colour.
    public static func png(size: Int = 64, red: UInt8 = 0x1F, green: UInt8 = 0x4E, blue: UInt8 = 0x8C) -> Data {
        let side = min(max(size, 1), 128)
        var raw: [UInt8] = []
        for _ in 0..<side {
            raw.append(0)  // filter: none
            for _ in 0..<side { raw += [red, green, blue] }
        }
        // zlib stream: header, one final stored block (at most 128 * 385 bytes < 65535), Adler-32.
        var zlib: [UInt8] = [0x78, 0x01, 0x01]
        let length = UInt16(raw.count)
        zlib += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
        zlib += raw
        zlib += PNGBaker.bigEndian(adler32(raw))
        var header = PNGBaker.bigEndian(UInt32(side)) + PNGBaker.bigEndian(UInt32(side))
        header += [8, 2, 0, 0, 0]  // 8-bit, truecolour, deflate, adaptive filtering, no interlace
        var png = Data(PNGBaker.signature)
        PNGBaker.append(.init(type: "IHDR", data: header), to: &png)
        PNGBaker.append(.init(type: "IDAT", data: zlib), to: &png)
        PNGBaker.append(.init(type: "IEND", data: []), to: &png)
        return png
    }

    /// An SVG badge: a coloured disc with the badge name.
    public static func svg(name: String) -> String {
        let label = SVGBaker.escapeAttribute(String(name.prefix(40)))
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">\
            <circle cx="128" cy="128" r="120" fill="#1F4E8C"/>\
            <text x="128" y="136" font-family="sans-serif" font-size="18" fill="#FFFFFF" text-anchor="middle">\(label)</text>\
            </svg>
            """
    }

    private static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }
}
