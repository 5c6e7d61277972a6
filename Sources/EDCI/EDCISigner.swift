import CLibXML2
import CXMLSec
import Foundation

/// Signs EDCI credentials with an enveloped XML signature using libxmlsec1: exclusive C14N,
/// RSA-SHA256, a SHA-256 digest over the whole document (`URI=""` with the enveloped-signature
/// transform) and the X.509 certificate (or certificate chain) in `KeyInfo`.
///
/// The signature goes where the schema allows it: `europassCredential/proof/ds:Signature`.
/// RSA PKCS#1 v1.5 signatures are deterministic, so the same document and key give the same bytes.
public struct EDCISigner: Sendable {
    /// The key and certificate, decoded once: decoding PEM through OpenSSL 3 cost more than the
    /// signature itself. Each signature works on a duplicate.
    private let loaded: LoadedSigningKey

    /// Creates a signer and checks that the key material loads.
    /// - Parameters:
    ///   - privateKeyPEM: an RSA private key in PEM (PKCS#1 or PKCS#8, unencrypted).
    ///   - certificatePEM: the matching X.509 certificate in PEM, or its chain (the key's
    ///     certificate first, then intermediates): `KeyInfo/X509Data` carries every certificate.
    /// - Throws: ``EDCIError`` `keyMaterial` when either does not load.
    public init(privateKeyPEM: String, certificatePEM: String) throws(EDCIError) {
        try LibXMLRuntime.ensureXMLSec()
        loaded = LoadedSigningKey(try XMLSecKeys.loadSigningKey(privateKeyPEM: Data(privateKeyPEM.utf8), certificatePEM: Data(certificatePEM.utf8)))
    }

    /// Adds the enveloped signature to an unsigned credential, in place.
    /// - Throws: ``EDCIError`` `unsupportedDocument` when the root is not `europassCredential`
    ///   or it is already signed; `signing` when libxmlsec1 fails.
    public func sign(_ document: LibXMLDocument) throws(EDCIError) {
        try LibXMLRuntime.ensureXMLSec()
        guard let root = xmlDocGetRootElement(document.pointer), XMLNodes.name(root) == "europassCredential",
            XMLNodes.namespace(root) == XMLSecKeys.eupNamespace
        else {
            throw EDCIError(.unsupportedDocument, "Only an EDCI europassCredential document can be signed")
        }
        guard XMLSecKeys.signature(in: root) == nil else {
            throw EDCIError(.unsupportedDocument, "The credential is already signed")
        }
        let proof = try proofElement(in: root)
        guard
            let signature = xmlSecTmplSignatureCreate(
                document.pointer,
                xmlSecTransformExclC14NGetKlass(),
                xmlSecOpenSSLTransformRsaSha256GetKlass(),
                nil
            )
        else {
            throw EDCIError(.signing, "libxmlsec1 could not create the signature template")
        }
        xmlAddChild(proof, signature)
        guard let reference = xmlSecTmplSignatureAddReference(signature, xmlSecOpenSSLTransformSha256GetKlass(), nil, "", nil),
            xmlSecTmplReferenceAddTransform(reference, xmlSecTransformEnvelopedGetKlass()) != nil,
            xmlSecTmplReferenceAddTransform(reference, xmlSecTransformExclC14NGetKlass()) != nil,
            let keyInfo = xmlSecTmplSignatureEnsureKeyInfo(signature, nil),
            let x509 = xmlSecTmplKeyInfoAddX509Data(keyInfo),
            xmlSecTmplX509DataAddCertificate(x509) != nil
        else {
            xmlUnlinkNode(signature)
            xmlFreeNode(signature)
            throw EDCIError(.signing, "libxmlsec1 could not fill the signature template")
        }
        guard let context = xmlSecDSigCtxCreate(nil) else {
            throw EDCIError(.internalFailure, "libxmlsec1 could not allocate a signature context")
        }
        defer { xmlSecDSigCtxDestroy(context) }  // also destroys signKey
        context.pointee.signKey = try loaded.duplicate()
        guard xmlSecDSigCtxSign(context, signature) >= 0 else {
            xmlUnlinkNode(signature)
            xmlFreeNode(signature)
            throw EDCIError(.signing, "libxmlsec1 failed to sign the credential (does the key match the certificate, and is it RSA?)")
        }
    }

    /// The root's `proof` element, created in its schema position (before `childCredentials`) when absent.
    private func proofElement(in root: xmlNodePtr) throws(EDCIError) -> xmlNodePtr {
        if let proof = XMLSecKeys.proof(in: root) { return proof }
        guard let proof = xmlNewDocNode(root.pointee.doc, root.pointee.ns, "proof", nil) else {
            throw EDCIError(.internalFailure, "libxml2 could not allocate an element")
        }
        if let children = XMLNodes.elements(root).first(where: { XMLNodes.name($0) == "childCredentials" }) {
            xmlAddPrevSibling(children, proof)
        } else {
            xmlAddChild(root, proof)
            xmlAddChild(root, xmlNewDocText(root.pointee.doc, "\n"))
        }
        return proof
    }
}

/// A libxmlsec1 key owned by a signer; duplicates are handed out one at a time.
final class LoadedSigningKey: @unchecked Sendable {
    // Read only through `duplicate()`, under `lock`; destroyed with this object.
    private let key: xmlSecKeyPtr
    private let lock = NSLock()

    init(_ key: xmlSecKeyPtr) {
        self.key = key
    }

    deinit {
        xmlSecKeyDestroy(key)
    }

    /// A copy for one signature context (which destroys it).
    func duplicate() throws(EDCIError) -> xmlSecKeyPtr {
        lock.lock()
        defer { lock.unlock() }
        guard let copy = xmlSecKeyDuplicate(key) else { throw EDCIError(.internalFailure, "libxmlsec1 could not copy the signing key") }
        return copy
    }
}
