public import BadgeCore
import Foundation
public import OpenBadges

/// Signs many assertions at once, split across the cores: RSA signing is the cost of issuing,
/// and each signature is independent of the others.
public struct ParallelSigner: Sendable {
    /// The issuer's signer; nil issues hosted assertions, unsigned.
    let signer: AssertionSigner?
    /// How many slices to sign concurrently.
    var width = max(ProcessInfo.processInfo.activeProcessorCount, 1)

    /// Creates a signer; nil issues hosted assertions, unsigned.
    public init(signer: AssertionSigner?) {
        self.signer = signer
    }

    /// The assertions as issued (naming the key when signed) with their JWS, in order.
    public func sign(_ assertions: [Assertion]) async throws -> [(assertion: Assertion, jws: String?)] {
        guard let signer else { return assertions.map { ($0, nil) } }
        let named = assertions.map { assertion in
            var assertion = assertion
            assertion.verification = .signed(keyID: signer.key.id)
            return assertion
        }
        let sliceSize = max((named.count + width - 1) / width, 1)
        guard named.count > sliceSize else { return try named.map { ($0, try signer.sign($0)) } }
        return try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for start in stride(from: 0, to: named.count, by: sliceSize) {
                let slice = Array(named[start..<min(start + sliceSize, named.count)])
                group.addTask { (start, try slice.map { try signer.sign($0) }) }
            }
            var signatures = [String](repeating: "", count: named.count)
            for try await (start, slice) in group {
                signatures.replaceSubrange(start..<start + slice.count, with: slice)
            }
            return zip(named, signatures).map { ($0, $1) }
        }
    }
}
