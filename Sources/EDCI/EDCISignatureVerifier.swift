import CLibXML2
import CXMLSec
public import Foundation

/// The outcome of checking an enveloped XML signature.
public struct EDCISignatureVerification: Sendable, Hashable {
    /// Whether the document carries a signature and whether it holds.
    public enum Status: String, Sendable, Hashable {
        /// The signature covers the whole document and every digest and the signature value match.
        case valid
        /// A signature is present but does not hold; ``EDCISignatureVerification/reason`` says why.
        case invalid
        /// The document has no signature.
        case unsigned
    }

    /// The status.
    public let status: Status
    /// Why, in words.
    public let reason: String
    /// Whether the signing certificate chained to the trusted certificate given to the verifier.
    /// `false` means only integrity was checked (with the certificate in `KeyInfo`), not origin.
    public let certificateTrusted: Bool
    /// For a valid signature, the certificates `KeyInfo` carried, as DER: the certificate whose
    /// key verified the signature first, then the others (intermediates, in document order).
    /// Empty otherwise. Callers judge the chain's trust from these.
    public let signerCertificates: [Data]

    /// Whether the signature holds.
    public var isValid: Bool { status == .valid }

    init(status: Status, reason: String, certificateTrusted: Bool, signerCertificates: [Data] = []) {
        self.status = status
        self.reason = reason
        self.certificateTrusted = certificateTrusted
        self.signerCertificates = signerCertificates
    }
}

/// Verifies the enveloped signature in `proof/ds:Signature` of an EDCI credential or presentation.
///
/// Only same-document references are followed (never a URL), the signature must cover the
/// whole document (a reference with `URI=""`), and XAdES `Id` attributes are registered so the
/// `SignedProperties` reference of EU-signed documents resolves; duplicate `Id` values are
/// refused (signature wrapping).
public struct EDCISignatureVerifier: Sendable {
    private let trustedCertificatePEM: Data?
    /// One keys manager for every verification by this verifier: making one loads the system's
    /// CA bundle into an X.509 store, which cost more than the verification itself.
    private let keys: SharedKeysManager

    /// Creates a verifier.
    /// - Parameter trustedCertificatePEM: a certificate (PEM) the signer's certificate must chain
    ///   to. Without one, the certificate in `KeyInfo` is used as is and the result says
    ///   `certificateTrusted == false`.
    public init(trustedCertificatePEM: String? = nil) {
        self.trustedCertificatePEM = trustedCertificatePEM.map { Data($0.utf8) }
        self.keys = SharedKeysManager()
    }

    /// Verifies the document's signature.
    /// - Throws: ``EDCIError`` only for failures that are not about the signature (libxmlsec1
    ///   initialisation, an unloadable trusted certificate).
    public func verify(_ document: LibXMLDocument) throws(EDCIError) -> EDCISignatureVerification {
        try LibXMLRuntime.ensureXMLSec()
        guard let root = xmlDocGetRootElement(document.pointer), let signature = XMLSecKeys.signature(in: root) else {
            return EDCISignatureVerification(status: .unsigned, reason: "the document has no proof/ds:Signature", certificateTrusted: false)
        }
        if let duplicate = registerIDs(document.pointer, from: root) {
            return invalid("the Id value '\(duplicate)' occurs more than once")
        }
        return try keys.withManager(trustedCertificatePEM: trustedCertificatePEM) { manager throws(EDCIError) in
            try verify(signature, with: manager)
        }
    }

    private func verify(_ signature: xmlNodePtr, with manager: xmlSecKeysMngrPtr) throws(EDCIError) -> EDCISignatureVerification {
        guard let context = xmlSecDSigCtxCreate(manager) else {
            throw EDCIError(.internalFailure, "libxmlsec1 could not allocate a signature context")
        }
        defer { xmlSecDSigCtxDestroy(context) }
        if trustedCertificatePEM == nil {
            context.pointee.keyInfoReadCtx.flags |= UInt32(XMLSEC_KEYINFO_FLAGS_X509DATA_DONT_VERIFY_CERTS)
        }
        context.pointee.enabledReferenceUris = xmlSecTransformUriType(xmlSecTransformUriTypeEmpty | xmlSecTransformUriTypeSameDocument)
        // Only the transforms XMLDSig/XAdES credentials use; notably no XSLT (arbitrary work).
        for transform in Self.referenceTransforms() {
            guard xmlSecDSigCtxEnableReferenceTransform(context, transform) >= 0 else {
                throw EDCIError(.internalFailure, "libxmlsec1 could not restrict the reference transforms")
            }
        }
        guard xmlSecDSigCtxVerify(context, signature) >= 0 else {
            return invalid(
                trustedCertificatePEM == nil
                    ? "libxmlsec1 could not process the signature (unsupported algorithm, missing key or malformed structure)"
                    : "libxmlsec1 could not process the signature (the certificate may not chain to the trusted certificate)"
            )
        }
        let references = referenceResults(context)
        guard context.pointee.status == xmlSecDSigStatusSucceeded else {
            if let failed = references.first(where: { !$0.ok }) {
                return invalid("the digest of the reference URI=\"\(failed.uri)\" does not match: the content changed after signing")
            }
            return invalid("the signature value does not match the signed information")
        }
        guard references.contains(where: { $0.uri.isEmpty }) else {
            return invalid("the signature does not cover the whole document (no reference with URI=\"\")")
        }
        return EDCISignatureVerification(
            status: .valid,
            reason: "\(references.count) reference(s) and the signature value match",
            certificateTrusted: trustedCertificatePEM != nil,
            signerCertificates: XMLSecKeys.certificates(of: context.pointee.signKey)
        )
    }

    private static func referenceTransforms() -> [xmlSecTransformId] {
        [
            xmlSecTransformEnvelopedGetKlass(), xmlSecTransformExclC14NGetKlass(), xmlSecTransformExclC14NWithCommentsGetKlass(),
            xmlSecTransformInclC14NGetKlass(), xmlSecTransformInclC14NWithCommentsGetKlass(), xmlSecTransformInclC14N11GetKlass(),
            xmlSecTransformInclC14N11WithCommentsGetKlass(), xmlSecTransformXPathGetKlass(), xmlSecTransformXPath2GetKlass(),
            xmlSecTransformXPointerGetKlass(), xmlSecTransformBase64GetKlass(),
            xmlSecOpenSSLTransformSha256GetKlass(), xmlSecOpenSSLTransformSha384GetKlass(), xmlSecOpenSSLTransformSha512GetKlass(),
        ].compactMap { $0 }
    }

    private func invalid(_ reason: String) -> EDCISignatureVerification {
        EDCISignatureVerification(status: .invalid, reason: reason, certificateTrusted: false)
    }

    private func referenceResults(_ context: xmlSecDSigCtxPtr) -> [(uri: String, ok: Bool)] {
        withUnsafeMutablePointer(to: &context.pointee.signedInfoReferences) { list in
            (0..<xmlSecPtrListGetSize(list)).compactMap { index in
                guard let item = xmlSecPtrListGetItem(list, index) else { return nil }
                let reference = item.assumingMemoryBound(to: xmlSecDSigReferenceCtx.self).pointee
                return (XMLNodes.string(reference.uri) ?? "", reference.status == xmlSecDSigStatusSucceeded)
            }
        }
    }

    /// Registers every `Id` attribute as an XML ID; returns a duplicated value, if any.
    private func registerIDs(_ document: xmlDocPtr, from node: xmlNodePtr) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if XMLNodes.string(current.pointee.name) == "Id", current.pointee.ns == nil {
                let value = XMLNodes.attribute(node, "Id") ?? ""
                if let existing = xmlGetID(document, value) {
                    // Schema validation may already have registered this very attribute (xs:ID).
                    if existing != current { return value }
                } else {
                    xmlAddID(nil, document, value, current)
                }
            }
            attribute = current.pointee.next
        }
        for child in XMLNodes.elements(node) {
            if let duplicate = registerIDs(document, from: child) { return duplicate }
        }
        return nil
    }
}
