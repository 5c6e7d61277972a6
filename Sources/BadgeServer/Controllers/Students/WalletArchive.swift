import BadgeIssuing
import Foundation
import ZIPFoundation

/// "Download all": a wallet's files as one ZIP, built in memory (a wallet holds at most
/// ``Wallet/maximumItems`` credentials of a few kilobytes each).
enum WalletArchive {
    /// The ZIP of `files`, each deflated, with `README.txt` saying what the archive holds.
    /// - Throws: ZIPFoundation's errors (an opaque 500).
    static func zip(_ files: [Wallet.ArchiveFile], readme: String, modified: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for file in [Wallet.ArchiveFile(path: "README.txt", data: Data(readme.utf8))] + files {
            let data = file.data
            try archive.addEntry(
                with: file.path,
                type: .file,
                uncompressedSize: Int64(data.count),
                modificationDate: modified,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw BadgeServerError(.configuration, "the in-memory archive has no data") }
        return data
    }
}
