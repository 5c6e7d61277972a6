/// Why a claim code takes no more claims, said plainly to the person claiming.
public enum ClaimRefusal: String, Codable, Hashable, Sendable {
    /// Its date has passed.
    case expired
    /// It took as many claims as it allows.
    case usedUp = "used_up"
    /// An organiser disabled it.
    case disabled

    /// The sentence shown on the claim page and in the API's problem document.
    public var message: String {
        switch self {
        case .expired: "This code has expired"
        case .usedUp: "This code has been used up"
        case .disabled: "This code is no longer in use"
        }
    }

    /// The error a claim with such a code fails with.
    public var error: BadgeCoreError {
        BadgeCoreError(code, message, field: "code")
    }

    private var code: BadgeCoreError.Code {
        switch self {
        case .expired: .claimCodeExpired
        case .usedUp: .claimCodeUsedUp
        case .disabled: .claimCodeDisabled
        }
    }
}

extension ErrorCode where Module == BadgeCoreErrors {
    /// A claim code past its date.
    public static let claimCodeExpired = Self("claim_code_expired")
    /// A claim code that took as many claims as it allows.
    public static let claimCodeUsedUp = Self("claim_code_used_up")
    /// A claim code an organiser disabled.
    public static let claimCodeDisabled = Self("claim_code_disabled")
}
