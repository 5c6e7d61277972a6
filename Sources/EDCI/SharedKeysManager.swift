import CXMLSec
import Foundation

/// A libxmlsec1 keys manager made once and lent to one verification at a time.
///
/// `xmlSecOpenSSLAppDefaultKeysMngrInit` loads the system CA bundle into an OpenSSL X.509
/// store; doing that per document made signature checks about 20 ms each. The manager is not
/// documented as safe for concurrent use, so a lock lends it to one caller at a time.
final class SharedKeysManager: @unchecked Sendable {
    // Guarded by `lock`; created on first use, destroyed with this object.
    private var manager: xmlSecKeysMngrPtr?
    private let lock = NSLock()

    deinit {
        if let manager { xmlSecKeysMngrDestroy(manager) }
    }

    /// Runs `body` with the manager, made (with `trustedCertificatePEM` added) on first use.
    func withManager<R>(
        trustedCertificatePEM: Data?,
        _ body: (xmlSecKeysMngrPtr) throws(EDCIError) -> R
    ) throws(EDCIError) -> R {
        lock.lock()
        defer { lock.unlock() }
        if manager == nil {
            guard let created = xmlSecKeysMngrCreate() else { throw EDCIError(.internalFailure, "libxmlsec1 could not allocate a keys manager") }
            guard xmlSecOpenSSLAppDefaultKeysMngrInit(created) >= 0 else {
                xmlSecKeysMngrDestroy(created)
                throw EDCIError(.internalFailure, "libxmlsec1 could not initialise a keys manager")
            }
            if let trustedCertificatePEM {
                do {
                    try XMLSecKeys.addTrusted(certificatePEM: trustedCertificatePEM, to: created)
                } catch {
                    xmlSecKeysMngrDestroy(created)
                    throw error
                }
            }
            manager = created
        }
        guard let manager else { throw EDCIError(.internalFailure, "libxmlsec1 keys manager missing") }
        return try body(manager)
    }
}
