public import BadgeStorage
import Hummingbird
public import Primitives

/// Storage failures as HTTP answers: an unreachable database is 503 (retry later); anything
/// else is the server's fault, an opaque 500 logged once by ``ProblemMiddleware``. It lives in
/// the composition root, the one place that knows the storage module.
extension StorageErrors: ProblemMapping {
    public static func problem(for error: StorageError) -> ProblemDetails {
        guard error.code == .unavailable else { return .internal }
        return ProblemDetails(
            status: .serviceUnavailable,
            title: "Database unavailable",
            detail: "the database cannot be reached",
            code: "unavailable"
        )
    }
}
