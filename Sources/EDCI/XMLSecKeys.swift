import CLibXML2
import CXMLSec
import Foundation

/// Loading PEM key material into libxmlsec1 and finding signature places in a document.
enum XMLSecKeys {
    static let dsigNamespace = "http://www.w3.org/2000/09/xmldsig#"
    static let eupNamespace = "http://data.europa.eu/snb"

    /// Loads a private key and attaches its certificate; the caller owns the returned key.
    static func loadSigningKey(privateKeyPEM: Data, certificatePEM: Data) throws(EDCIError) -> xmlSecKeyPtr {
        let loaded: xmlSecKeyPtr? = privateKeyPEM.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            return xmlSecOpenSSLAppKeyLoadMemory(base, UInt32(raw.count), xmlSecKeyDataFormatPem, nil, nil, nil)
        }
        guard let key = loaded else {
            throw EDCIError(.keyMaterial, "The signing key is not a PEM private key libxmlsec1 can load")
        }
        let attached: Int32 = certificatePEM.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return -1 }
            return xmlSecOpenSSLAppKeyCertLoadMemory(key, base, UInt32(raw.count), xmlSecKeyDataFormatPem)
        }
        guard attached >= 0 else {
            xmlSecKeyDestroy(key)
            throw EDCIError(.keyMaterial, "The signing certificate is not a PEM X.509 certificate libxmlsec1 can load")
        }
        return key
    }

    /// Adds a trusted certificate to a keys manager.
    static func addTrusted(certificatePEM: Data, to manager: xmlSecKeysMngrPtr) throws(EDCIError) {
        let result: Int32 = certificatePEM.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return -1 }
            return xmlSecOpenSSLAppKeysMngrCertLoadMemory(
                manager,
                base,
                UInt32(raw.count),
                xmlSecKeyDataFormatPem,
                xmlSecKeyDataType(xmlSecKeyDataTypeTrusted)
            )
        }
        guard result >= 0 else {
            throw EDCIError(.keyMaterial, "The trusted certificate is not a PEM X.509 certificate libxmlsec1 can load")
        }
    }

    /// The root's `proof` child, if any.
    static func proof(in root: xmlNodePtr) -> xmlNodePtr? {
        XMLNodes.elements(root).first { XMLNodes.name($0) == "proof" && XMLNodes.namespace($0) != dsigNamespace }
    }

    /// The enveloped `ds:Signature` in the root's `proof`, if any.
    static func signature(in root: xmlNodePtr) -> xmlNodePtr? {
        proof(in: root).flatMap { proof in
            XMLNodes.elements(proof).first { XMLNodes.name($0) == "Signature" && XMLNodes.namespace($0) == dsigNamespace }
        }
    }
}
