#ifndef SCHEMAGEN_CLIBXML2_SHIM_H
#define SCHEMAGEN_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its headers would pull in the system ICU's <unicode/...>,
   which clashes with the ICU that Foundation bundles. schemagen never touches the ICU-specific
   encoding handler fields, so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#endif
