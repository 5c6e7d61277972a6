import CLibXML2
import CXMLSec
import Foundation

/// Loading PEM key material into libxmlsec1 and finding signature places in a document.
enum XMLSecKeys {
    static let dsigNamespace = "http://www.w3.org/2000/09/xmldsig#"
    static let eupNamespace = "http://data.europa.eu/snb"

    /// Loads a private key and attaches its certificate, or its certificate chain (leaf first,
    /// then intermediates: each goes into `KeyInfo/X509Data`); the caller owns the returned key.
    static func loadSigningKey(privateKeyPEM: Data, certificatePEM: Data) throws(EDCIError) -> xmlSecKeyPtr {
        let certificates = pemCertificates(in: String(decoding: certificatePEM, as: UTF8.self))
        guard !certificates.isEmpty else {
            throw EDCIError(.keyMaterial, "The signing certificate is not a PEM X.509 certificate libxmlsec1 can load")
        }
        let loaded: xmlSecKeyPtr? = privateKeyPEM.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            return xmlSecOpenSSLAppKeyLoadMemory(base, UInt32(raw.count), xmlSecKeyDataFormatPem, nil, nil, nil)
        }
        guard let key = loaded else {
            throw EDCIError(.keyMaterial, "The signing key is not a PEM private key libxmlsec1 can load")
        }
        for (index, certificate) in certificates.enumerated() {
            let attached: Int32 = Data(certificate.utf8).withUnsafeBytes { raw in
                guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return -1 }
                return xmlSecOpenSSLAppKeyCertLoadMemory(key, base, UInt32(raw.count), xmlSecKeyDataFormatPem)
            }
            guard attached >= 0 else {
                xmlSecKeyDestroy(key)
                throw EDCIError(.keyMaterial, "Certificate \(index + 1) of the signing chain is not a PEM X.509 certificate libxmlsec1 can load")
            }
        }
        return key
    }

    /// The `CERTIFICATE` PEM blocks of a text, in order (one PEM file may hold a chain).
    static func pemCertificates(in text: String) -> [String] {
        let begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----"
        var blocks: [String] = []
        var rest = text[...]
        while let start = rest.range(of: begin), let stop = rest.range(of: end, range: start.upperBound..<rest.endIndex) {
            blocks.append(String(rest[start.lowerBound..<stop.upperBound]) + "\n")
            rest = rest[stop.upperBound...]
        }
        return blocks
    }

    /// The certificates of a verified signature's key: the certificate whose key verified the
    /// signature first, then the others `KeyInfo/X509Data` carried, each as DER.
    static func certificates(of key: xmlSecKeyPtr?) -> [Data] {
        guard let key, let data = xmlSecKeyGetData(key, xmlSecOpenSSLKeyDataX509GetKlass()) else { return [] }
        let leaf = xmlSecOpenSSLKeyDataX509GetKeyCert(data).flatMap(der(of:))
        var others: [Data] = []
        for index in 0..<xmlSecOpenSSLKeyDataX509GetCertsSize(data) {
            if let certificate = xmlSecOpenSSLKeyDataX509GetCert(data, index).flatMap(der(of:)), certificate != leaf {
                others.append(certificate)
            }
        }
        return (leaf.map { [$0] } ?? []) + others
    }

    private static func der(of certificate: OpaquePointer) -> Data? {
        let length = i2d_X509(certificate, nil)
        guard length > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_X509(certificate, &cursor)
        }
        return written == length ? Data(bytes) : nil
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
