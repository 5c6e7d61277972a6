import BadgeCore
import BadgeTesting
import Foundation
import NIOHTTP1
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A client that announces a longer body than it sends is answered 400, not 500.
@Suite("Requests cut short", .heavyLane)
struct TruncatedBodyTests {
    /// Sends raw bytes to 127.0.0.1:`port`, closes the sending side and reads the answer.
    private static func exchange(port: Int, _ request: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSetupError("no socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestSetupError("cannot connect to port \(port)") }
        _ = Array(request.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        shutdown(fd, Int32(SHUT_WR))
        var answer = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    @Test func aBodyShorterThanItsContentLengthIsABadRequest() async throws {
        try await withLiveTestApp { app, fixture in
            let port = try #require(URLComponents(string: app.baseURL)?.port)
            let request =
                "POST /api/v1/faculties HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(fixture.adminKey)\r\n"
                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":"
            let answer = try await Task.detached { try Self.exchange(port: port, request) }.value
            #expect(answer.hasPrefix("HTTP/1.1 400"))
            #expect(answer.contains("\"code\":\"malformed_request\""))
            let after = try await app.send(.GET, "/healthz")
            #expect(after.status == 200)
        }
    }
}
