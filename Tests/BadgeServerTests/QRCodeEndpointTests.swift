import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The QR code of a credential's link, as a certificate prints it and a phone reads it back
/// (decoded with Debian's zbarimg).
@Suite("QR codes of credentials")
struct QRCodeEndpointTests {
    static func decode(_ bytes: ByteBuffer) async throws -> String {
        let read = try await QRReader.read(Data(bytes.readableBytesView))
        #expect(read.status == 0, "zbarimg found no code: \(read.errors)")
        return read.text
    }

    @Test func anAssertionsQRCodeReadsAsItsPublicURL() async throws {
        try await withTestApp { client, fixture in
            let id = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
            let png = try await client.execute(uri: "/public/assertions/\(id)/qr?format=png", method: .get)
            #expect(png.status == .ok)
            #expect(png.headers[.contentType] == "image/png")
            let url = try await Self.decode(png.body)
            #expect(url.hasSuffix("/public/assertions/\(id)"))
            #expect(url.hasPrefix("http"))
            let svg = try await client.execute(uri: "/public/assertions/\(id)/qr", method: .get)
            #expect(svg.headers[.contentType] == "image/svg+xml")
            #expect(String(buffer: svg.body).contains("<title>QR code of the credential's link</title>"))
        }
    }

    @Test func anUnknownAssertionHasNoQRCode() async throws {
        try await withTestApp { client, _ in
            let response = try await client.execute(uri: "/public/assertions/\(UUID().uuidString.lowercased())/qr", method: .get)
            #expect(response.status == .notFound)
        }
    }
}
