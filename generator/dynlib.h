/* Libraries that only some commands need, loaded when first used: the
 * spreadsheets' libxlsxwriter and the preview server's libmicrohttpd. A
 * run that needs neither (a build of the website, a check) does not pay
 * for loading them and the libraries they bring (OpenSSL, GnuTLS and
 * theirs): about half of the process's start.
 *
 * A user keeps a struct of function pointers typed after the library's
 * own declarations (__typeof__) and fills it with dynlib_symbol(). */
#ifndef QB_DYNLIB_H
#define QB_DYNLIB_H

#include <stddef.h>

/* The library by its soname (the build writes it in), or NULL; its handle
 * stays open until the process ends. */
void *dynlib_open(const char *soname);
/* Stores the address of function name of lib in *fn, a function pointer of
 * size size. Returns 0, or -1. */
int dynlib_symbol(void *lib, const char *name, void *fn, size_t size);
/* Why the last call failed: "cannot load SONAME: REASON" or the missing
 * function's name and the loader's message. */
const char *dynlib_error(void);

#endif
