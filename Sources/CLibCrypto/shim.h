#ifndef BADGED_CLIBCRYPTO_SHIM_H
#define BADGED_CLIBCRYPTO_SHIM_H
/* The system OpenSSL's libcrypto, which libxmlsec1-openssl already links into badged. Only the
   EVP signing interface is used (RS256 for Open Badges assertions): its RSA is several times
   faster than the BoringSSL copy inside swift-crypto on CPUs with AVX-512 IFMA. */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#endif
