import Foundation
import Testing

@testable import BadgeServer

/// The wallet's multipart form reader: the fields and a file a browser posts, and a clear 400 for
/// anything else.
@Suite("Multipart forms")
struct MultipartFormTests {
    static let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"

    static func body(_ parts: [String]) -> Data {
        Data((parts.map { "--\(boundary)\r\n\($0)\r\n" }.joined() + "--\(boundary)--\r\n").utf8)
    }

    @Test func readsFieldsAndAFileWithItsBytes() throws {
        var data = Data("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"form_token\"\r\n\r\nabc\r\n".utf8)
        data.append(Data("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"b.png\"\r\n".utf8))
        data.append(Data("Content-Type: image/png\r\n\r\n".utf8))
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x2D, 0x2D, 0x0D])
        data.append(bytes)
        data.append(Data("\r\n--\(Self.boundary)--\r\n".utf8))
        let type = "multipart/form-data; boundary=\(Self.boundary)"
        let form = try MultipartForm(body: data, boundary: try #require(MultipartForm.boundary(ofContentType: type)))
        #expect(form.parts.count == 2)
        #expect(form["form_token"]?.text == "abc")
        #expect(form["form_token"]?.fileName == nil)
        #expect(form["image"]?.fileName == "b.png")
        #expect(form["image"]?.data == bytes)
        #expect(form["url"] == nil)
    }

    @Test func anythingElseIsRefusedWithA400() throws {
        #expect(MultipartForm.boundary(ofContentType: "application/x-www-form-urlencoded") == nil)
        #expect(MultipartForm.boundary(ofContentType: "multipart/form-data") == nil)
        #expect(MultipartForm.boundary(ofContentType: "multipart/form-data; boundary=\"\(String(repeating: "x", count: 71))\"") == nil)
        let malformed: [Data] = [
            Data("no boundary here".utf8),
            Data("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated".utf8),
            Self.body(["Content-Type: text/plain\r\n\r\nno disposition"]),
            Self.body(Array(repeating: "Content-Disposition: form-data; name=\"a\"\r\n\r\nx", count: MultipartForm.maximumParts + 1)),
        ]
        for data in malformed {
            let error = #expect(throws: BadgeServerError.self) { try MultipartForm(body: data, boundary: Self.boundary) }
            #expect(error?.code == .badRequest)
        }
    }
}
