// SPDX-License-Identifier: GPL-2.0-or-later
/* out.h: one output path for text and JSON, after iproute2's json_print. */
#ifndef CLI_OUT_H
#define CLI_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/*
 * out_str / out_u64 / out_i64 print one value in both modes: through the
 * printf format in text, under key in JSON.  out_text is text only
 * (punctuation, padding); out_json_* are the attributes a text view
 * leaves out.  The formats are checked by the compiler.
 */
#define OUT_FMT(a, b) __attribute__((format(printf, a, b)))

void out_set_json(bool json);
bool out_json(void);

void out_open_object(FILE *f, const char *key);
void out_close_object(FILE *f);
void out_open_array(FILE *f, const char *key);
void out_close_array(FILE *f);
/* Ends a JSON document with a newline; nothing in text mode. */
void out_end_document(FILE *f);

OUT_FMT(2, 3) void out_text(FILE *f, const char *fmt, ...);
/* fmt takes one const char * */
OUT_FMT(3, 4) void out_str(FILE *f, const char *key, const char *fmt, ...);
/* fmt takes one unsigned long long */
OUT_FMT(3, 4) void out_u64(FILE *f, const char *key, const char *fmt, ...);
/* fmt takes one long long */
OUT_FMT(3, 4) void out_i64(FILE *f, const char *key, const char *fmt, ...);

void out_json_str(FILE *f, const char *key, const char *v);
void out_json_u64(FILE *f, const char *key, uint64_t v);
void out_json_i64(FILE *f, const char *key, int64_t v);
void out_json_bool(FILE *f, const char *key, bool v);

#endif /* CLI_OUT_H */
