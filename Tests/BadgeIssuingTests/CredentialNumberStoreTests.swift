import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import Testing

/// Credential numbers on the in-memory fakes and on both real engines: every award is numbered
/// in its transaction, numbers are unique even when the random source repeats, and a number
/// finds its assertion.
@Suite("Credential numbers through the ports")
struct CredentialNumberStoreTests {
    @Test(arguments: StorageBackend.all)
    func everyNewAssertionHasAUniqueNumberThatFindsIt(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let inputs = (0..<40).map { AwardInput(recipient: Recipient(type: .email, identity: "learner\($0)@example.org")) }
            let results = try await world.awarder().award(inputs, of: try world.microCredential, actor: "test", failFast: true)
            let ids = try results.map { try #require($0.assertionID.flatMap(UUID.init(uuidString:))) }
            let numbers = try await world.credentialNumbers.numbers(for: ids)
            #expect(numbers.count == 40)
            #expect(Set(numbers.values).count == 40)
            for (id, number) in numbers {
                #expect(number.prefix == "UH")
                #expect(try await world.credentialNumbers.assertionID(numbered: number) == id)
            }
            // Asking again answers the same numbers.
            #expect(try await world.credentialNumbers.numbers(for: ids) == numbers)
            #expect(try await world.credentialNumbers.numbers(for: [UUID()]).isEmpty)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aCollidingNumberIsDrawnAgain(backend: StorageBackend) async throws {
        // The first three draws are the same number: the second and third award must draw again.
        try await IssuingWorld.with(backend, random: RepeatingRandomSource(repeats: 3)) { world async throws in
            let awarder = world.awarder()
            var ids: [UUID] = []
            for index in 0..<3 {
                let result = try await awarder.award(
                    [AwardInput(recipient: Recipient(type: .email, identity: "l\(index)@example.org"))],
                    of: try world.microCredential,
                    actor: "test",
                    failFast: true
                )
                ids.append(try #require(result[0].assertionID.flatMap(UUID.init(uuidString:))))
            }
            let numbers = try await world.credentialNumbers.numbers(for: ids)
            #expect(Set(numbers.values).count == 3)
            let repeated = CredentialNumber(prefix: "UH", random: RepeatingRandomSource(repeats: 1))
            #expect(numbers[ids[0]] == repeated)
            #expect(numbers[ids[1]] != repeated)
        }
    }
}
