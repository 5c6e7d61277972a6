#ifndef BADGED_CLIBXML2_SHIM_H
#define BADGED_CLIBXML2_SHIM_H
/* libxml2 here is built with ICU, so encoding.h would include the system <unicode/ucnv.h>,
   whose UErrorCode clashes with the ICU copy inside Foundation (_FoundationICU) in any Swift
   file importing both. The ICU part of encoding.h only adds two trailing pointer fields to
   xmlCharEncodingHandler, which badged never reads or allocates, so it is left out.
   Both shims (CLibXML2, CXMLSec) must do this identically. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/c14n.h>
#include <libxml/xmlsave.h>
#endif
