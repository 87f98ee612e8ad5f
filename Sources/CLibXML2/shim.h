#ifndef TRAINPLAN_CLIBXML2_SHIM_H
#define TRAINPLAN_CLIBXML2_SHIM_H

/*
 * Debian builds libxml2 with ICU, so its encoding header pulls in the system's ICU headers,
 * whose UErrorCode clashes with the copy inside Foundation as soon as one Swift module sees
 * both. trainplan never touches libxml2's encoding handlers (they are reached only through
 * pointers), so it reads the headers without the ICU parts.
 */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

/* xmlFree is a global function pointer, which Swift 6 rejects as unsafe shared state. */
static inline void trainplan_xml_free(void *pointer) { xmlFree(pointer); }

/* libxml2's generic error channel is variadic, which Swift cannot implement: swallow it here. */
static inline void trainplan_silent_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

/* Per thread: send anything libxml2 would print on its generic channel nowhere. */
static inline void trainplan_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, trainplan_silent_generic_error);
}

/* An external entity loader that loads nothing: no file, no network, no XSD include. */
static inline xmlParserInputPtr trainplan_refuse_entity(const char *url, const char *id, xmlParserCtxtPtr context) {
    (void)url;
    (void)id;
    (void)context;
    return NULL;
}

static inline void trainplan_install_refusing_entity_loader(void) {
    xmlSetExternalEntityLoader(trainplan_refuse_entity);
}

#endif
