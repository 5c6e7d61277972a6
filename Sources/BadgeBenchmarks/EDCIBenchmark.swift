import BadgeCore
import BadgeIssuing
import BadgeServer
import EDCI
public import Foundation
import OpenBadges

/// `badged bench edci`: on one core, Europass EDCI credentials exported, signed and validated
/// per second, and signed credentials imported (schema-validated, signature verified,
/// translated) per second, over the EU sample credentials.
public struct EDCIBenchmark: Sendable {
    /// The figures of one run.
    public struct Result: Sendable, CustomStringConvertible {
        public let documents: Int
        public let averageBytes: Int
        public let exportsPerSecond: Double
        public let importsPerSecond: Double

        public var description: String {
            String(
                format: "EDCI on one core, %d documents of %d bytes on average: %.0f exported+signed+validated/s, %.0f imported+verified/s",
                documents,
                averageBytes,
                exportsPerSecond,
                importsPerSecond
            )
        }
    }

    private let schemaDirectory: URL
    private let samples: [URL]
    private let iterations: Int

    /// Creates a benchmark of `iterations` exports and imports over `samples` (EDCI XML files).
    public init(schemaDirectory: URL, samples: [URL], iterations: Int) {
        self.schemaDirectory = schemaDirectory
        self.samples = samples
        self.iterations = max(iterations, 1)
    }

    /// Runs both halves, one after the other, on the calling thread.
    public func run() throws -> Result {
        let schema = try EDCISchema(directory: schemaDirectory)
        let importer = EDCIImporter(schema: try EDCISchema(directory: schemaDirectory, file: EDCISchema.presentationSchemaFile))
        let key = try SigningKey.generate(id: "bench")
        let inputs = try samples.map { try EDCICredentialInput(imported: importer.importCredential(from: try Data(contentsOf: $0))) }
        guard let first = inputs.first else { throw BenchmarkError(.setup, "no EDCI samples to measure") }
        let certificate = try IssuerCertificate(
            key: key,
            createdAt: Date(timeIntervalSince1970: 1_790_000_000),
            issuerName: "Bench",
            institution: first.institution
        )
        let signer = try EDCISigner(privateKeyPEM: key.privateKeyPEM, certificatePEM: certificate.pem)

        var signed: [Data] = []
        let exportStarted = ContinuousClock.now
        for index in 0..<iterations {
            let export = try EDCIExporter().export(inputs[index % inputs.count])
            try signer.sign(export.document)
            try schema.validate(export.document)
            if index < inputs.count { signed.append(export.xmlData()) }
        }
        let exportSeconds = exportStarted.duration(to: .now).inSeconds

        let importStarted = ContinuousClock.now
        for index in 0..<iterations {
            let imported = try importer.importCredential(from: signed[index % signed.count])
            guard imported.signature.isValid else {
                throw BenchmarkError(.unexpectedResult, "a signed export did not verify: \(imported.signature.reason)")
            }
        }
        let importSeconds = importStarted.duration(to: .now).inSeconds
        return Result(
            documents: signed.count,
            averageBytes: signed.map(\.count).reduce(0, +) / signed.count,
            exportsPerSecond: Double(iterations) / exportSeconds,
            importsPerSecond: Double(iterations) / importSeconds
        )
    }
}
