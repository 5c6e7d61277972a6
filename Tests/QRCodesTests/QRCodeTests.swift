import BadgeTesting
import Foundation
import QRCodes
import Testing

/// QR codes are checked by decoding them with an independent reader, Debian's `zbarimg`
/// (zbar-tools), as a phone camera would read them.
@Suite("QR codes")
struct QRCodeTests {
    static func decode(_ data: Data, suffix: String) async throws -> String {
        let read = try await QRReader.read(data, suffix: suffix)
        #expect(read.status == 0, "zbarimg found no code: \(read.errors)")
        return read.text
    }

    @Test(arguments: [
        "https://badges.example.edu/public/assertions/0192f1c2-7a3e-7c41-9d2b-5e8f3a6b1c0d",
        "UH-7K3M-Q9PX",
        "https://badges.example.edu/claim/" + String(repeating: "x", count: 300),
        "Universiteit Harderwijk — Data-ethiek en beleid ✓",
    ])
    func aPNGDecodesToItsText(text: String) async throws {
        let code = try QRCode(encoding: text)
        let png = code.png(scale: 4)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try await Self.decode(png, suffix: "png") == text)
    }

    @Test func theSVGDrawsTheSameModulesAsThePNG() throws {
        let code = try QRCode(encoding: "https://badges.example.edu/v/UH-7K3M-Q9PX")
        let svg = code.svg(title: "QR code <of> the credential")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("<title>QR code &lt;of> the credential</title>"))
        // Redraw the SVG's path as modules: every run `M x y h n v1 h-n z` covers n dark modules.
        var dark = Set<[Int]>()
        let pattern = /M(\d+) (\d+)h(\d+)v1h-\d+z/
        for match in svg.matches(of: pattern) {
            let (x, y, run) = (Int(match.1)!, Int(match.2)!, Int(match.3)!)
            for column in x..<x + run { dark.insert([column - 4, y - 4]) }
        }
        var expected = Set<[Int]>()
        for y in 0..<code.size { for x in 0..<code.size where code.isDark(x: x, y: y) { expected.insert([x, y]) } }
        #expect(dark == expected)
        #expect(!dark.isEmpty)
    }

    @Test func emptyAndOversizedTextIsRefused() {
        #expect(throws: QRCodeError.self) { try QRCode(encoding: "") }
        #expect(throws: QRCodeError.self) { try QRCode(encoding: String(repeating: "a", count: QRCode.maximumBytes + 1)) }
    }

    @Test func longerTextNeedsALargerSymbol() throws {
        #expect(try QRCode(encoding: "UH-7K3M-Q9PX").size < QRCode(encoding: String(repeating: "https://x.example/", count: 20)).size)
    }
}
