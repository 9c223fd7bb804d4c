#include "dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

static char why[512];

void *
dynlib_open(const char *soname)
{
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		const char *e = dlerror();
		snprintf(why, sizeof(why), "cannot load %s: %s", soname, e ? e : "not found");
	}
	return lib;
}

int
dynlib_symbol(void *lib, const char *name, void *fn, size_t size)
{
	dlerror();
	void *p = dlsym(lib, name);
	if (p == NULL || size != sizeof(p)) {
		const char *e = dlerror();
		snprintf(why, sizeof(why), "%s: %s", name, e ? e : "not a function");
		return -1;
	}
	/* POSIX: a function's address fits in a void *. */
	memcpy(fn, &p, size);
	return 0;
}

const char *
dynlib_error(void)
{
	return why;
}
