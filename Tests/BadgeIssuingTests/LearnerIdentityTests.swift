import BadgeCore
import BadgeIssuing
import Foundation
import OpenBadges
import Testing

@Suite("Learner directory entries: sealed, and whether they still open")
struct LearnerIdentityTests {
    let ada = Recipient(type: .email, identity: "ada@example.edu")

    @Test
    func anEntryOpensOnlyUnderItsOwnKeyAndOnlyAsSealed() throws {
        let first = LearnerIdentity(encryption: try KeyEncryption(secret: [UInt8](repeating: 7, count: 32)))
        let rotated = LearnerIdentity(encryption: try KeyEncryption(secret: [UInt8](repeating: 8, count: 32)))
        let key = LearnerIdentity.key(issuer: "https://lms.example.edu", userID: "u1")
        let entry = try first.entry(for: ada, learnerKey: key)
        #expect(try first.recipient(of: entry, learnerKey: key) == ada)
        // Asked twice: the second answer comes from what the first opened, and is the same.
        #expect(first.opens(entry, learnerKey: key))
        #expect(first.opens(entry, learnerKey: key))
        // Under another key-encryption key it does not open, however often it is asked ...
        #expect(!rotated.opens(entry, learnerKey: key))
        #expect(!rotated.opens(entry, learnerKey: key))
        // ... until it is sealed again under that key.
        let resealed = try rotated.entry(for: ada, learnerKey: key)
        #expect(rotated.opens(resealed, learnerKey: key))
        // An entry of another learner key, or an altered one, is opened for itself and refused.
        #expect(!first.opens(entry, learnerKey: LearnerIdentity.key(issuer: "https://lms.example.edu", userID: "u2")))
        var altered = Array(entry.sealedRecipient)
        altered[altered.count / 2] = altered[altered.count / 2] == "A" ? "B" : "A"
        #expect(!first.opens(LearnerEntry(recipientKey: entry.recipientKey, sealedRecipient: String(altered)), learnerKey: key))
    }
}
