// SPDX-License-Identifier: GPL-2.0-or-later
/* rtnl.c: loading libnl-route-3 at run time for `tun` (see rtnl.h). */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>

#define TUN_RTNL_NO_MACROS
#include "tunctl/rtnl.h"

#define RTNL_LIB "libnl-route-3.so.200"

struct tun_rtnl tun_rtnl;

static int missing(const char *name)
{
	fprintf(stderr, "ipvsadm tun: %s lacks %s\n", RTNL_LIB, name);
	return -ENOENT;
}

int tun_rtnl_load(void)
{
	static int loaded;
	void *lib;

	if (loaded)
		return 0;
	lib = dlopen(RTNL_LIB, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		fprintf(stderr, "ipvsadm tun: cannot load %s: %s\n", RTNL_LIB,
			dlerror());
		return -ENOENT;
	}
	/* dlsym() gives a void *; POSIX guarantees it converts back. */
#define TUN_RTNL_SYM(f)                         \
	*(void **)&tun_rtnl.f = dlsym(lib, #f); \
	if (!tun_rtnl.f)                        \
		return missing(#f);
	TUN_RTNL_FUNCS(TUN_RTNL_SYM)
#undef TUN_RTNL_SYM
	loaded = 1;
	return 0;
}
