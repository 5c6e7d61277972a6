import CQREncode
public import Foundation

/// A QR code symbol made by libqrencode, with PNG and SVG renderings.
///
/// Text is encoded as bytes (UTF-8, 8-bit mode) at correction level M, which survives a
/// printed certificate's creases and smudges; the library chooses the smallest version.
public struct QRCode: Sendable, Hashable {
    /// The most bytes encoded: a credential link is far shorter, and version 40 at level M
    /// holds 2,331 bytes.
    public static let maximumBytes = 2_048

    /// Modules per side.
    public let size: Int
    /// The dark modules, row by row.
    private let modules: [Bool]

    /// Encodes `text`.
    /// - Throws: ``QRCodeError`` `.tooLong` for empty or oversized text, `.encodingFailed`.
    public init(encoding text: String) throws(QRCodeError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= Self.maximumBytes else {
            throw QRCodeError(.tooLong, "a QR code holds 1 to \(Self.maximumBytes) bytes of text")
        }
        guard let symbol = bytes.withUnsafeBufferPointer({ QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, QR_ECLEVEL_M) }) else {
            throw QRCodeError(.encodingFailed, "the QR encoder could not encode the text")
        }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        size = width
        // Bit 0 of each byte is the module's colour (1 dark); the other bits describe its role.
        modules = (0..<width * width).map { symbol.pointee.data[$0] & 1 == 1 }
    }

    /// Whether the module at column `x`, row `y` is dark.
    public func isDark(x: Int, y: Int) -> Bool {
        (0..<size).contains(x) && (0..<size).contains(y) && modules[y * size + x]
    }

    /// A black-on-white PNG (1 bit per pixel) with `scale` pixels per module and a quiet zone
    /// of `margin` modules (at least the 4 the standard asks for).
    public func png(scale: Int = 8, margin: Int = 4) -> Data {
        let scale = min(max(scale, 1), 32)
        let margin = max(margin, 4)
        let side = (size + 2 * margin) * scale
        let rows = (0..<size + 2 * margin).map { row -> [UInt8] in
            var line = [UInt8](repeating: 0xFF, count: (side + 7) / 8)
            for column in 0..<size + 2 * margin where isDark(x: column - margin, y: row - margin) {
                for pixel in column * scale..<(column + 1) * scale { line[pixel / 8] &= ~(0x80 >> UInt8(pixel % 8)) }
            }
            return line
        }
        let scanlines = rows.flatMap { Array(repeating: $0, count: scale) }
        return PNGEncoder.image(width: side, height: side, bitDepth: 1, colorType: 0, scanlines: scanlines)
    }

    /// A black-on-white SVG, one path for the dark modules, with a quiet zone of `margin`
    /// modules; `title` names the image for screen readers.
    public func svg(margin: Int = 4, title: String = "QR code") -> String {
        let margin = max(margin, 4)
        let side = size + 2 * margin
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                var run = 1
                while isDark(x: x + run, y: y) { run += 1 }
                path += "M\(x + margin) \(y + margin)h\(run)v1h-\(run)z"
                x += run
            }
        }
        let label = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(side * 8)" height="\(side * 8)" \
            shape-rendering="crispEdges" role="img"><title>\(label)</title>\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }
}
