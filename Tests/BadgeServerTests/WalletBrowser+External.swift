import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

extension WalletBrowser {
    /// Posts the wallet's "add a badge" form as a browser does (multipart/form-data), with the
    /// session's form token unless another is given.
    @discardableResult
    mutating func submitExternal(
        url: String = "",
        jws: String = "",
        image: Data? = nil,
        fileName: String = "badge.png",
        type: String = "image/png",
        formToken: String? = nil
    ) async throws -> TestResponse {
        let token: String
        if let formToken { token = formToken } else { token = try await self.formToken() }
        let boundary = "----badgedtest\(UUID().uuidString)"
        var body = Data()
        for (name, value) in [("form_token", token), ("url", url), ("jws", jws)] {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"\(image == nil ? "" : fileName)\"\r\n".utf8))
        body.append(Data("Content-Type: \(image == nil ? "application/octet-stream" : type)\r\n\r\n".utf8))
        body.append(image ?? Data())
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers: HTTPFields = [.accept: "text/html", .contentType: "multipart/form-data; boundary=\(boundary)"]
        if let session { headers[.cookie] = "__Host-badged-session=\(session)" }
        return try await client.execute(uri: "/wallet/external", method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }
}
