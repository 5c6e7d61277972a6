// Re-exported: every module's error is a `ModuleError`, whose members callers must see.
@_exported public import Primitives

/// The one error type of the application layer: what a use case refuses that is not a rule of
/// the domain (those are ``BadgeCoreError``s) — configuration it cannot work with, and features
/// that are not set up.
public typealias IssuingError = ModuleError<IssuingErrors>

/// The domain of ``IssuingError``s.
public enum IssuingErrors: ErrorDomain {
    public static let name = "IssuingError"
}

extension ModuleError where Domain == IssuingErrors {
    /// EDCI is not set up: `edci.schema_dir` names no schema set.
    public static var edciUnavailable: Self {
        Self(.edciUnavailable, "set edci.schema_dir to the directory of the EU's EDCI XSD set", field: "edci.schema_dir")
    }

    /// An invalid configuration value.
    public static func configuration(_ key: String, _ problem: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.configuration, "configuration key \(key) \(problem)", field: key, fileID: fileID, line: line)
    }
}

extension ErrorCode where Module == IssuingErrors {
    /// A configuration value is invalid or missing for what was asked.
    public static let configuration = Self("configuration")
    /// EDCI needs `edci.schema_dir`, which is not set.
    public static let edciUnavailable = Self("edci_unavailable")
}
