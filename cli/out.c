// SPDX-License-Identifier: GPL-2.0-or-later
/* out.c: one output path for text and JSON, after iproute2's json_print. */
#include <stdarg.h>

#include "cli/out.h"

#define MAX_DEPTH 16

/* A process prints one document at a time: the state can be global. */
static struct {
	bool json;
	int depth;
	bool has_member[MAX_DEPTH];
} st;

void out_set_json(bool json)
{
	st.json = json;
	st.depth = 0;
	st.has_member[0] = false;
}

bool out_json(void)
{
	return st.json;
}

static void json_escaped(FILE *f, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\') {
			fputc('\\', f);
			fputc(*p, f);
		} else if (*p < 0x20) {
			fprintf(f, "\\u00%c%c", hex[*p >> 4], hex[*p & 15]);
		} else {
			fputc(*p, f);
		}
	}
	fputc('"', f);
}

/* The comma and key before a member; none for array elements. */
static void member(FILE *f, const char *key)
{
	if (st.has_member[st.depth])
		fputc(',', f);
	st.has_member[st.depth] = true;
	if (key) {
		json_escaped(f, key);
		fputc(':', f);
	}
}

static void open_level(FILE *f, const char *key, char c)
{
	if (!st.json)
		return;
	member(f, key);
	fputc(c, f);
	if (st.depth < MAX_DEPTH - 1)
		st.depth++;
	st.has_member[st.depth] = false;
}

static void close_level(FILE *f, char c)
{
	if (!st.json)
		return;
	fputc(c, f);
	if (st.depth > 0)
		st.depth--;
}

void out_open_object(FILE *f, const char *key)
{
	open_level(f, key, '{');
}

void out_close_object(FILE *f)
{
	close_level(f, '}');
}

void out_open_array(FILE *f, const char *key)
{
	open_level(f, key, '[');
}

void out_close_array(FILE *f)
{
	close_level(f, ']');
}

void out_end_document(FILE *f)
{
	if (st.json)
		fputc('\n', f);
}

void out_text(FILE *f, const char *fmt, ...)
{
	va_list ap;

	if (st.json)
		return;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
}

void out_json_str(FILE *f, const char *key, const char *v)
{
	if (!st.json)
		return;
	member(f, key);
	if (v)
		json_escaped(f, v);
	else
		fputs("null", f);
}

void out_json_u64(FILE *f, const char *key, uint64_t v)
{
	if (!st.json)
		return;
	member(f, key);
	fprintf(f, "%llu", (unsigned long long)v);
}

void out_json_i64(FILE *f, const char *key, int64_t v)
{
	if (!st.json)
		return;
	member(f, key);
	fprintf(f, "%lld", (long long)v);
}

void out_json_bool(FILE *f, const char *key, bool v)
{
	if (!st.json)
		return;
	member(f, key);
	fputs(v ? "true" : "false", f);
}

/* Both modes: the value is the one variadic argument. */
void out_str(FILE *f, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (st.json)
		out_json_str(f, key, va_arg(ap, const char *));
	else
		vfprintf(f, fmt, ap);
	va_end(ap);
}

void out_u64(FILE *f, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (st.json)
		out_json_u64(f, key, va_arg(ap, unsigned long long));
	else
		vfprintf(f, fmt, ap);
	va_end(ap);
}

void out_i64(FILE *f, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (st.json)
		out_json_i64(f, key, va_arg(ap, long long));
	else
		vfprintf(f, fmt, ap);
	va_end(ap);
}
