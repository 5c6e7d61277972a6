import Foundation

/// What a benchmark's child process (the daemon, the PyLTI1p3 tool) writes when it is ready.
enum ChildOutput {
    /// The first line `pipe` carries (without its newline), read off the caller's task; what
    /// came before the end when the child exits first.
    static func firstLine(of pipe: Pipe) async -> String {
        let reading = pipe.fileHandleForReading
        return await Task.detached {
            var buffer = Data()
            while !buffer.contains(UInt8(ascii: "\n")) {
                let chunk = reading.availableData
                guard !chunk.isEmpty else { break }
                buffer.append(chunk)
            }
            return String(decoding: buffer.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        }.value
    }
}
