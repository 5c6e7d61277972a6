import CLibXML2
import CXMLSec

/// The one place that initialises libxml2 and libxmlsec1 for the process.
///
/// `xmlInitParser`, `xmlSecInit` and the OpenSSL back end set up process-wide C state (parser
/// tables, the transform and key-data registries, OpenSSL itself). They must run once, before
/// any other call, and are not safe to run concurrently. A Swift `static let` is initialised
/// lazily and exactly once even under concurrent first use (the runtime guards it with
/// `swift_once`), so it fits: nothing mutable is visible to callers, and the only observable
/// effect is that the libraries are ready. Everything else in the module is instance state.
enum LibXMLRuntime {
    /// Initialises libxml2 and installs libxml2's own no-network entity loader, so that no
    /// parse in this process (documents, XSD imports) can open an `http:` or `ftp:` URL.
    private static let parser: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader)
        return true
    }()

    /// Initialises libxmlsec1 and its OpenSSL back end; `nil` on success, else the failure.
    private static let xmlSec: String? = {
        _ = parser
        guard xmlSecInit() >= 0 else { return "xmlSecInit failed" }
        guard xmlSecOpenSSLAppInit(nil) >= 0 else { return "xmlSecOpenSSLAppInit failed" }
        guard xmlSecOpenSSLInit() >= 0 else { return "xmlSecOpenSSLInit failed" }
        // xmlsec prints every failure to stderr by default; failures are reported through
        // EDCIError and the verification result instead.
        xmlSecErrorsDefaultCallbackEnableOutput(0)
        return nil
    }()

    /// Makes sure libxml2 is initialised.
    static func ensureParser() {
        _ = parser
    }

    /// Makes sure libxmlsec1 and its OpenSSL back end are initialised.
    static func ensureXMLSec() throws(EDCIError) {
        if let failure = xmlSec {
            throw EDCIError(.internalFailure, "libxmlsec1 could not be initialised: \(failure)")
        }
    }
}
