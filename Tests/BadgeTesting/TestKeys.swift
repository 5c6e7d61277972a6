import Foundation
public import LTI
import _CryptoExtras

/// RSA keys made for one test run (a platform's or a forger's).
public enum EphemeralToolKeyForTests {
    /// A fresh RSA-2048 key with the given kid.
    public static func make(kid: String) throws -> ToolKey {
        try ToolKey(kid: kid, pem: try _RSA.Signing.PrivateKey(keySize: .bits2048).pemRepresentation)
    }
}
