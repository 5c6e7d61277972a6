// Re-exported: every module's error is a `ModuleError`, whose members callers must see.
@_exported public import Primitives

/// The one error type of the QR code module.
public typealias QRCodeError = ModuleError<QRCodeErrors>

/// The domain of ``QRCodeError``s.
public enum QRCodeErrors: ErrorDomain {
    public static let name = "QRCodeError"
}

extension ErrorCode where Module == QRCodeErrors {
    /// The text is empty or longer than a QR code of the chosen correction level holds.
    public static let tooLong = Self("tooLong")
    /// The encoder failed (out of memory).
    public static let encodingFailed = Self("encodingFailed")
}
