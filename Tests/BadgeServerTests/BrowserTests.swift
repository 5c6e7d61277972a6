import BadgeCore
import BadgeTesting
import Foundation
import NIOHTTP1
import Testing

/// A real browser against a running daemon on loopback: headless Chromium follows the lookup's
/// redirect to the credential page, sees its status change on revocation, takes phone and
/// desktop screenshots (kept in `.build/artifacts/` to look at) and prints the certificate to PDF.
@Suite("Headless browser", .heavyLane)
struct BrowserTests {
    /// `.build/artifacts` of this package, for screenshots and PDFs a person can open.
    static let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: ".build/artifacts")

    @Test func chromiumSeesTheCredentialValidThenRevokedAndPrintsTheCertificate() async throws {
        let browser = try HeadlessBrowser()
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        try await withLiveTestApp { app, fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let awarded = try await app.send(
                .POST,
                "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())/assertions",
                key: fixture.registrarKey,
                json: IssuingTests.awardBody("ada@example.org")
            )
            #expect(awarded.status == 201 || awarded.status == 200)
            let id = try #require(awarded.json["assertion_id"] as? String)
            let number = try #require(awarded.json["credential_number"] as? String)
            let lookup = "\(app.baseURL)/public/credentials?number=\(number)"

            let valid = try await browser.dumpDOM(lookup)
            #expect(valid.contains("<h1>Energy Transition Modelling for Professionals</h1>"))
            #expect(valid.contains("<dd>Institute for Environmental Data Science</dd>"))
            #expect(valid.contains("<dd>\(number)</dd>"))
            #expect(valid.contains("<section class=\"status valid\""))
            #expect(valid.contains("<strong>Valid</strong>"))
            #expect(!valid.contains("ada@example.org"))

            let page = "\(app.baseURL)/public/assertions/\(id)"
            let phone = Self.artifacts.appending(path: "credential-phone.png")
            let desktop = Self.artifacts.appending(path: "credential-desktop.png")
            let certificatePhone = Self.artifacts.appending(path: "certificate-phone.png")
            let certificateDesktop = Self.artifacts.appending(path: "certificate-desktop.png")
            try await browser.screenshot(page, to: phone, width: 390, height: 844)
            try await browser.screenshot(page, to: desktop, width: 1280, height: 900)
            try await browser.screenshot(page + "/certificate", to: certificatePhone, width: 390, height: 844)
            try await browser.screenshot(page + "/certificate", to: certificateDesktop, width: 1280, height: 1300)
            let sizes = [(phone, 390, 844), (desktop, 1280, 900), (certificatePhone, 390, 844), (certificateDesktop, 1280, 1300)]
            for (file, width, height) in sizes {
                let png = try Data(contentsOf: file)
                #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(file.lastPathComponent) is a PNG")
                #expect(Self.size(ofPNG: png) == [width, height], "\(file.lastPathComponent) has the viewport's size")
                // A blank page compresses to a few hundred bytes; a rendered one is far larger.
                #expect(png.count > 10_000, "\(file.lastPathComponent) has content (\(png.count) bytes)")
            }

            // The QR code on the rendered certificate, read by an independent decoder, is the link.
            let scanned = try await QRReader.read(try Data(contentsOf: certificateDesktop))
            #expect(scanned.status == 0, "\(scanned.errors)")
            #expect(scanned.text == page)

            let pdf = Self.artifacts.appending(path: "certificate.pdf")
            try? FileManager.default.removeItem(at: pdf)
            try await browser.printToPDF(page + "/certificate", to: pdf)
            let printed = try Data(contentsOf: pdf)
            #expect(printed.starts(with: Array("%PDF-".utf8)))
            #expect(printed.count > 10_000)
            // One A4 page: 595 × 842 points.
            let text = String(decoding: printed, as: UTF8.self)
            #expect(text.contains("/MediaBox [0 0 594.95996 841.91998]"))
            #expect(text.contains("/Type /Pages") && text.contains("/Count 1\n"), "the certificate fits one sheet")

            let revoked = try await app.send(
                .POST,
                "/api/v1/assertions/\(id)/revoke",
                key: fixture.registrarKey,
                json: #"{"reason": "Awarded in error"}"#
            )
            #expect(revoked.status == 200)
            let after = try await browser.dumpDOM(lookup)
            #expect(after.contains("<section class=\"status revoked\""))
            #expect(after.contains("<strong>Revoked</strong>"))
            #expect(after.contains("Reason: Awarded in error"))
            #expect(!after.contains("<strong>Valid</strong>"))
        }
    }

    /// The width and height in a PNG's IHDR chunk.
    static func size(ofPNG png: Data) -> [Int] {
        let bytes = [UInt8](png.prefix(24))
        guard bytes.count == 24 else { return [] }
        let number = { (offset: Int) in bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return [number(16), number(20)]
    }
}
