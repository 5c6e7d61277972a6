public import Foundation
import Primitives

/// Generated images for badge classes that have none of their own.
public enum DefaultBadgeImage {
    /// A square PNG of one colour (RGB, 8 bits).
    /// - Parameters:
    ///   - size: width and height in pixels, 1 to 128.
    ///   - red, green, blue: the colour.
    public static func png(size: Int = 64, red: UInt8 = 0x1F, green: UInt8 = 0x4E, blue: UInt8 = 0x8C) -> Data {
        let side = min(max(size, 1), 128)
        let row = Array([[UInt8]](repeating: [red, green, blue], count: side).joined())
        return PNGEncoder.image(width: side, height: side, bitDepth: 8, colorType: 2, scanlines: Array(repeating: row, count: side))
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
}
