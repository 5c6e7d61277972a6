public import BadgeCore
public import Foundation
public import OpenBadges

/// Issues assertions of one badge class to many recipients.
///
/// A batch is cut into chunks. For each chunk the recipients who already hold the class are
/// looked up, the new assertions are signed in parallel on every core (outside any transaction),
/// and the chunk is stored in one transaction, every assertion with its audit row. While one
/// chunk commits, the next is being signed. Each award is all or nothing and idempotent per
/// recipient (the unique key decides), so a batch that is interrupted, even by `kill -9`, and
/// retried ends with every award stored exactly once.
public struct Awarder: Sendable {
    let catalog: any CatalogStore
    let assertions: any AssertionStore
    let committer: GroupCommit<NewAssertion, AwardOutcome>
    let keyring: IssuerKeyring
    let documents: OpenBadgesDocuments
    let hasher: RecipientHasher
    let mode: VerificationMode
    let ids: any IDGenerator
    let clock: any TimeSource
    /// Awards per transaction.
    var chunkSize = 250

    /// Creates an awarder; concurrent awards share commits (group commit).
    /// - Parameter mode: how assertions are verified unless their badge class says otherwise.
    public init(
        catalog: any CatalogStore,
        assertions: any AssertionStore,
        keyring: IssuerKeyring,
        documents: OpenBadgesDocuments,
        hasher: RecipientHasher,
        mode: VerificationMode,
        ids: any IDGenerator,
        clock: any TimeSource
    ) {
        self.catalog = catalog
        self.assertions = assertions
        self.committer = GroupCommit { [assertions] in try await assertions.store($0) }
        self.keyring = keyring
        self.documents = documents
        self.hasher = hasher
        self.mode = mode
        self.ids = ids
        self.clock = clock
    }

    /// The badge class with this id if it still awards.
    /// - Throws: ``BadgeCoreError`` `.notFound`, or `.conflict` when it is archived.
    public func liveBadgeClass(id: UUID) async throws -> Record<BadgeClass> {
        guard let record = try await catalog.find(BadgeClass.self, id: id) else { throw BadgeCoreError(.notFound, "no badge class with that id") }
        guard !record.isArchived else { throw BadgeCoreError(.conflict, "the badge class is archived and awards nothing") }
        return record
    }

    /// Awards `inputs` in order.
    /// - Parameters:
    ///   - actor: who awards, for the audit rows (`key:<id>`, `cli`).
    ///   - failFast: rethrow the first invalid award instead of reporting it in the results.
    ///   - progress: called after each stored chunk with the number of awards done.
    /// - Returns: one result per input, in order.
    public func award(
        _ inputs: [AwardInput],
        of badgeClass: Record<BadgeClass>,
        actor: String,
        failFast: Bool,
        progress: (Int) -> Void = { _ in }
    ) async throws -> [AwardResult] {
        var batch = AwardBatch(count: inputs.count)
        var storing: (indices: [Int], task: Task<[AwardOutcome], any Error>)?
        do {
            for start in stride(from: 0, to: inputs.count, by: chunkSize) {
                var fresh: [(index: Int, prepared: AwardBatch.Prepared)] = []
                for index in start..<min(start + chunkSize, inputs.count) {
                    do {
                        let prepared = try prepare(inputs[index], badgeClass: badgeClass)
                        if batch.admit(prepared.recipientKey, index: index) { fresh.append((index, prepared)) }
                    } catch let error as BadgeCoreError where !failFast {
                        batch.fail(index, error)
                    }
                }
                let held = try await assertions.existing(badgeClassID: badgeClass.id, recipientKeys: fresh.map(\.prepared.recipientKey))
                for (index, prepared) in fresh {
                    if let existing = held[prepared.recipientKey] { batch.record(.existing(existing.assertion, jws: existing.jws), at: index) }
                }
                let toStore = fresh.filter { held[$0.prepared.recipientKey] == nil }
                // The key is read per chunk: a rotation during a long batch costs at most the
                // chunks already signed one more signing each (see ``committing(_:of:_:)``).
                let signing = try await signer(for: badgeClass)
                let signed = try await signing.sign(toStore.map(\.prepared.assertion))
                let items = zip(toStore, signed).map {
                    NewAssertion(
                        assertion: $1.assertion,
                        recipientKey: $0.prepared.recipientKey,
                        jws: $1.jws,
                        institutionID: badgeClass.institutionID,
                        actor: actor,
                        outcomeIDs: $0.prepared.outcomeIDs
                    )
                }
                if let (indices, task) = storing {
                    batch.record(try await task.value, at: indices)
                    progress(indices.last.map { $0 + 1 } ?? start)
                }
                storing =
                    items.isEmpty
                    ? nil
                    : (
                        toStore.map(\.index),
                        Task { [self] in try await committing(items, of: badgeClass) { try await committer.write($0) } }
                    )
            }
            if let (indices, task) = storing { batch.record(try await task.value, at: indices) }
        } catch {
            // A chunk already committing finishes (its awards are found by a retry) before the error surfaces.
            _ = try? await storing?.task.value
            throw error
        }
        progress(inputs.count)
        return batch.results(urls: documents.urls)
    }

    /// Validates and signs awards without storing them, for a caller that stores them in its
    /// own transaction (a grade's award commits with the grade's record).
    /// - Parameter signer: the class's signer (``signer(for:)``) when the caller has it already.
    /// - Returns: per input, the assertion to store, or why the award is invalid.
    public func signed(
        _ inputs: [AwardInput],
        of badgeClass: Record<BadgeClass>,
        actor: String,
        signer known: ParallelSigner? = nil
    ) async throws -> [Result<NewAssertion, BadgeCoreError>] {
        let signing: ParallelSigner
        if let known { signing = known } else { signing = try await signer(for: badgeClass) }
        var results = [Result<NewAssertion, BadgeCoreError>?](repeating: nil, count: inputs.count)
        var valid: [(index: Int, prepared: AwardBatch.Prepared)] = []
        for (index, input) in inputs.enumerated() {
            do {
                valid.append((index, try prepare(input, badgeClass: badgeClass)))
            } catch let error as BadgeCoreError {
                results[index] = .failure(error)
            }
        }
        let signed = try await signing.sign(
            valid.map(\.prepared.assertion)
        )
        for ((index, prepared), signed) in zip(valid, signed) {
            results[index] = .success(
                NewAssertion(
                    assertion: signed.assertion,
                    recipientKey: prepared.recipientKey,
                    jws: signed.jws,
                    institutionID: badgeClass.institutionID,
                    actor: actor
                )
            )
        }
        return results.map { $0 ?? .failure(BadgeCoreError(.validation, "the award was not prepared")) }
    }

    /// The signer of the class's assertions: the issuer's current key when the class (or the
    /// daemon) signs, none for hosted assertions.
    func signer(for badgeClass: Record<BadgeClass>) async throws -> ParallelSigner {
        let mode = badgeClass.content.verificationMode ?? self.mode
        let key = mode.signs ? try await keyring.currentKey(issuerID: badgeClass.issuerID) : nil
        return ParallelSigner(signer: key.map { AssertionSigner(key: $0, documents: documents) })
    }

    private func prepare(_ award: AwardInput, badgeClass: Record<BadgeClass>) throws -> AwardBatch.Prepared {
        try award.recipient.validate()
        let assertion = Assertion(
            id: ids.makeID(),
            badgeClassID: badgeClass.id,
            issuerID: badgeClass.issuerID,
            recipient: hasher.hash(award.recipient),
            issuedOn: clock.now(),
            expires: award.expires,
            evidence: award.evidence ?? [],
            narrative: award.narrative,
            grade: award.grade,
            verification: .hosted
        )
        try assertion.validate()
        return AwardBatch.Prepared(assertion: assertion, recipientKey: award.recipient.key, outcomeIDs: award.outcomeIDs)
    }
}
