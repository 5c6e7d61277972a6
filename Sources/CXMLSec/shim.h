#ifndef BADGED_CXMLSEC_SHIM_H
#define BADGED_CXMLSEC_SHIM_H
/* SwiftPM drops the -D flags that `pkg-config --cflags xmlsec1-openssl` prints, so they are
   repeated here; keep them in step with that command's output. */
#ifndef XMLSEC_NO_SIZE_T
#define XMLSEC_NO_SIZE_T
#endif
#define XMLSEC_CRYPTO_OPENSSL 1
#define XMLSEC_OPENSSL3_ENGINES 1
#define XMLSEC_NO_GOST 1
#define XMLSEC_NO_GOST2012 1
#define XMLSEC_NO_CRYPTO_DYNAMIC_LOADING 1
#define __XMLSEC_FUNCTION__ __func__
/* libxml2 here is built with ICU, so encoding.h would include the system <unicode/ucnv.h>,
   whose UErrorCode clashes with the ICU copy inside Foundation (_FoundationICU) in any Swift
   file importing both. The ICU part of encoding.h only adds two trailing pointer fields to
   xmlCharEncodingHandler, which badged never reads or allocates, so it is left out.
   Both shims (CLibXML2, CXMLSec) must do this identically. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/templates.h>
#include <xmlsec/crypto.h>
#include <xmlsec/keysmngr.h>
#include <xmlsec/errors.h>
#include <xmlsec/openssl/app.h>
#include <xmlsec/openssl/crypto.h>
#include <xmlsec/openssl/x509.h>
#endif
