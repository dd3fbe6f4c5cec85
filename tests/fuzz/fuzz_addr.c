// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz_addr.c: libFuzzer target for address[:port] and netmask parsing,
 * reached as a user reaches them: through cli_parse of -t/-u/-r/-M. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tests/fuzz/fuzz.h"

/* Each command line has one "@" word that the input replaces. */
static const char *const templates[][8] = {
	{ "-A", "-t", "@" },
	{ "-A", "-u", "@", "-s", "rr" },
	{ "-A", "--sctp-service", "@" },
	{ "-a", "-t", "10.0.0.1:80", "-r", "@" },
	{ "-a", "-t", "[2001:db8::1]:80", "-r", "@", "-m" },
	{ "-A", "-t", "10.0.0.1:80", "-p", "60", "-M", "@" },
	{ "-A", "-t", "[2001:db8::1]:80", "-p", "-M", "@" },
	{ "-L", "-n", "-t", "@" },
	{ "--start-daemon", "master", "--mcast-group", "@" },
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet_stderr();
	return 0;
}

static void parse_with(const char *const *t, char *word)
{
	char *argv[10];
	struct cli_args a;
	struct cli_err e;
	int argc = 0;

	argv[argc++] = (char *)"ipvsadm";
	for (; *t; t++)
		argv[argc++] = strcmp(*t, "@") ? (char *)*t : word;
	argv[argc] = NULL;
	cli_parse(argc, argv, false, &a, &e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *word = malloc(size + 1);
	size_t i;

	if (!word)
		return 0;
	memcpy(word, data, size);
	word[size] = '\0';
	for (i = 0; i < sizeof(templates) / sizeof(templates[0]); i++)
		parse_with(templates[i], word);
	free(word);
	return 0;
}
