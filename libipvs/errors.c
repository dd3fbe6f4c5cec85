// SPDX-License-Identifier: GPL-2.0-or-later
/* errors.c: ipvsadm 1.31's texts for (operation, errno) failures. */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "libipvs/libipvs.h"

/* Matches any operation; such rows come after the specific ones. */
#define ANY_OP IPVS_OP_COUNT

static const struct {
	enum ipvs_op op;
	int err;
	const char *text;
} err_tab[] = {
	{ IPVS_OP_ADD_SERVICE, EEXIST, "Service already exists" },
	{ IPVS_OP_ADD_SERVICE, ENOENT,
	  "Scheduler or persistence engine not found" },
	{ IPVS_OP_EDIT_SERVICE, ENOENT,
	  "Scheduler or persistence engine not found" },
	{ IPVS_OP_EDIT_SERVICE, ESRCH, "No such service" },
	{ IPVS_OP_DEL_SERVICE, ESRCH, "No such service" },
	{ IPVS_OP_ZERO, ESRCH, "No such service" },
	{ IPVS_OP_GET_SERVICES, ESRCH, "No such service" },
	{ IPVS_OP_GET_DESTS, ESRCH, "No such service" },
	{ IPVS_OP_GET_SERVICE, ESRCH, "No such service" },
	{ IPVS_OP_ADD_DEST, ESRCH, "Service not defined" },
	{ IPVS_OP_EDIT_DEST, ESRCH, "Service not defined" },
	{ IPVS_OP_DEL_DEST, ESRCH, "Service not defined" },
	{ IPVS_OP_ADD_DEST, EEXIST, "Destination already exists" },
	{ IPVS_OP_EDIT_DEST, ENOENT, "No such destination" },
	{ IPVS_OP_DEL_DEST, ENOENT, "No such destination" },
	{ IPVS_OP_START_DAEMON, EEXIST, "Daemon has already run" },
	{ IPVS_OP_STOP_DAEMON, ESRCH, "No daemon is running" },
	{ ANY_OP, EPERM, "Permission denied (you must be root)" },
	{ ANY_OP, EINVAL,
	  "Invalid operation.  Possibly wrong module version, address not unicast, ..." },
	{ ANY_OP, ENOPROTOOPT, "Protocol not available" },
	{ ANY_OP, ENOMEM, "Memory allocation problem" },
	{ ANY_OP, EOPNOTSUPP, "Operation not supported with IPv6" },
	{ ANY_OP, EAFNOSUPPORT,
	  "Operation not supported with specified address family" },
	{ ANY_OP, EMSGSIZE, "Module is wrong version" },
};

const char *ipvs_strerror(enum ipvs_op op, int err)
{
	size_t i;

	if (err < 0 && err != INT_MIN)
		err = -err;
	for (i = 0; i < sizeof(err_tab) / sizeof(err_tab[0]); i++) {
		if (err_tab[i].err != err)
			continue;
		if (err_tab[i].op == op || err_tab[i].op == ANY_OP)
			return err_tab[i].text;
	}
	return strerror(err);
}
