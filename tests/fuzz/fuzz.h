// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz.h: what the libFuzzer targets share: argv from bytes, quiet stderr. */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#define FUZZ_MAX_ARGS 64

/* The entry points libFuzzer calls; declared for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/*
 * fuzz_argv - split data at NUL bytes into argv[1..] (argv[0] is prog),
 * at most FUZZ_MAX_ARGS words; *buf holds the words and must be freed.
 * Returns argc, or -1 when out of memory.
 */
int fuzz_argv(const uint8_t *data, size_t size, const char *prog, char **argv,
	      char **buf);

/* fuzz_quiet_stderr - the code's own error texts to /dev/null. */
void fuzz_quiet_stderr(void);

#endif /* TESTS_FUZZ_FUZZ_H */
