// SPDX-License-Identifier: GPL-2.0-or-later
/* check.c: `ipvsadm tun check`: each condition, its fix, text or JSON. */
#include <arpa/inet.h>
#include <stdarg.h>
#include <string.h>

#include "tunctl/tun_int.h"

static const char *const status_word[] = {
	[TUN_OK] = "OK",
	[TUN_WARN] = "WARN",
	[TUN_FAIL] = "FAIL",
};

static const char *const status_json[] = {
	[TUN_OK] = "ok",
	[TUN_WARN] = "warn",
	[TUN_FAIL] = "fail",
};

/* The ARP settings whose presence marks a real server. */
static const char *const arp_keys[] = {
	"net.ipv4.conf.all.arp_ignore",
	"net.ipv4.conf.all.arp_announce",
	"net.ipv4.conf.%s.arp_ignore",
	"net.ipv4.conf.%s.arp_announce",
};

static struct tun_check *add(struct tun_report *r, enum tun_status st,
			     const char *name)
{
	struct tun_check *c;

	if (r->n == TUN_MAX_CHECKS)
		return NULL;
	c = &r->c[r->n++];
	memset(c, 0, sizeof(*c));
	c->status = st;
	snprintf(c->name, sizeof(c->name), "%s", name);
	return c;
}

__attribute__((format(printf, 4, 5))) static void note(struct tun_report *r,
						       enum tun_status st,
						       const char *name,
						       const char *fmt, ...)
{
	struct tun_check *c = add(r, st, name);
	va_list ap;

	if (!c)
		return;
	va_start(ap, fmt);
	vsnprintf(c->detail, sizeof(c->detail), fmt, ap);
	va_end(ap);
}

/* Sets the fix of the check note() added last. */
__attribute__((format(printf, 2, 3))) static void fix(struct tun_report *r,
						      const char *fmt, ...)
{
	va_list ap;

	if (!r->n)
		return;
	va_start(ap, fmt);
	vsnprintf(r->c[r->n - 1].fix, sizeof(r->c[0].fix), fmt, ap);
	va_end(ap);
}

static int read_or_zero(const char *root, const char *fmt, const char *dev)
{
	char key[TUN_KEY_LEN];
	int v = 0;

	if (tun_sysctl_key(key, sizeof(key), fmt, dev) ||
	    tun_sysctl_read(root, key, &v))
		return 0;
	return v;
}

/* ip_forward on and no ARP setting of a real server: a director. */
enum tun_role tun_infer_role(const char *root, const char *dev)
{
	size_t i;

	if (read_or_zero(root, "net.ipv4.ip_forward", dev) != 1)
		return TUN_ROLE_REALSERVER;
	for (i = 0; i < sizeof(arp_keys) / sizeof(arp_keys[0]); i++)
		if (read_or_zero(root, arp_keys[i], dev))
			return TUN_ROLE_REALSERVER;
	return TUN_ROLE_DIRECTOR;
}

static void check_device(const struct tun_args *a, const struct tun_link *l,
			 struct tun_report *r)
{
	bool fallback = !strcmp(a->dev, TUN_DEFAULT_DEV);

	if (l->module) {
		note(r, TUN_OK, "module", "ipip module loaded");
	} else {
		note(r, TUN_FAIL, "module", "ipip module not loaded");
		fix(r, "modprobe ipip");
	}
	if (!l->exists) {
		note(r, TUN_FAIL, "device", "%s is missing", a->dev);
		fix(r, fallback ? "modprobe ipip" : "ip link add %s type ipip",
		    a->dev);
	} else if (!l->is_ipip) {
		note(r, TUN_FAIL, "device", "%s is not an ipip tunnel (%s)",
		     a->dev, l->kind[0] ? l->kind : "unknown kind");
		fix(r, "use --dev with an ipip device");
	} else {
		note(r, TUN_OK, "device", "%s exists (ipip)", a->dev);
	}
	if (l->exists && l->up) {
		note(r, TUN_OK, "link-up", "%s is up", a->dev);
	} else {
		note(r, TUN_FAIL, "link-up", "%s is not up", a->dev);
		fix(r, "ip link set %s up", a->dev);
	}
}

static void check_vip(const struct tun_args *a, const struct tun_link *l,
		      struct in_addr vip, struct tun_report *r)
{
	const struct tun_addr *have = tun_link_find_addr(l, vip);
	char ip[INET_ADDRSTRLEN], name[TUN_KEY_LEN];

	inet_ntop(AF_INET, &vip, ip, sizeof(ip));
	snprintf(name, sizeof(name), "vip:%s", ip);
	if (have && have->prefix == 32) {
		note(r, TUN_OK, name, "%s/32 is on %s", ip, a->dev);
	} else if (have) {
		note(r, TUN_FAIL, name, "%s is on %s as /%d, want /32", ip,
		     a->dev, have->prefix);
		fix(r, "ip addr del %s/%d dev %s && ip addr add %s/32 dev %s",
		    ip, have->prefix, a->dev, ip, a->dev);
	} else {
		note(r, TUN_FAIL, name, "%s is not on %s", ip, a->dev);
		fix(r, "ip addr add %s/32 dev %s", ip, a->dev);
	}
}

static void check_sysctl(const struct tun_paths *p, const char *key, int want,
			 struct tun_report *r)
{
	char name[TUN_KEY_LEN + 8];
	int v, e = tun_sysctl_read(p->sysctl_root, key, &v);

	snprintf(name, sizeof(name), "sysctl:%s", key);
	if (e)
		note(r, TUN_FAIL, name, "%s cannot be read (%s), want %d", key,
		     strerror(-e), want);
	else if (v != want)
		note(r, TUN_FAIL, name, "%s is %d, want %d", key, v, want);
	else
		note(r, TUN_OK, name, "%s is %d", key, v);
	if (e || v != want)
		fix(r, "sysctl -w %s=%d", key, want);
}

static void check_sysctls(const struct tun_args *a, const struct tun_paths *p,
			  enum tun_role role, struct tun_report *r)
{
	char key[TUN_KEY_LEN];
	size_t i;

	for (i = 0; i < tun_nsysctls; i++) {
		if (!(tun_sysctls[i].roles & role) ||
		    tun_sysctl_key(key, sizeof(key), tun_sysctls[i].key,
				   a->dev))
			continue;
		check_sysctl(p, key, tun_sysctls[i].want, r);
	}
}

/* The kernel filters on the larger of `all' and the device's rp_filter. */
static void check_rp_filter(const struct tun_args *a, const struct tun_paths *p,
			    struct tun_report *r)
{
	char kall[TUN_KEY_LEN], kdev[TUN_KEY_LEN], fixes[2 * TUN_KEY_LEN + 8];
	int vall = read_or_zero(p->sysctl_root, "net.ipv4.conf.all.rp_filter",
				a->dev);
	int vdev = read_or_zero(p->sysctl_root, "net.ipv4.conf.%s.rp_filter",
				a->dev);
	int eff = vall > vdev ? vall : vdev;

	tun_sysctl_key(kall, sizeof(kall), "net.ipv4.conf.all.rp_filter", "");
	tun_sysctl_key(kdev, sizeof(kdev), "net.ipv4.conf.%s.rp_filter",
		       a->dev);
	note(r, eff ? TUN_FAIL : TUN_OK, "effective-rp_filter",
	     "effective rp_filter on %s is %d (max of all=%d, %s=%d)%s", a->dev,
	     eff, vall, a->dev, vdev, eff ? ", want 0" : "");
	if (!eff)
		return;
	if (vall && vdev)
		snprintf(fixes, sizeof(fixes), "%s=0 %s=0", kall, kdev);
	else
		snprintf(fixes, sizeof(fixes), "%s=0", vall ? kall : kdev);
	fix(r, "sysctl -w %s", fixes);
}

/* IPIP adds 20 bytes: a tunnel MTU above path MTU - 20 means fragments. */
static void check_mtu(const struct tun_args *a, const struct tun_link *l,
		      struct tun_report *r)
{
	if (!l->exists || !l->path_mtu)
		return;
	if (l->mtu + TUN_IPIP_OVERHEAD <= l->path_mtu) {
		note(r, TUN_OK, "mtu",
		     "%s mtu %u + %d bytes of IPIP fits the path mtu %u (%s)",
		     a->dev, l->mtu, TUN_IPIP_OVERHEAD, l->path_mtu,
		     l->path_dev);
		return;
	}
	note(r, TUN_WARN, "mtu",
	     "%s mtu %u + %d bytes of IPIP exceeds the path mtu %u (%s)",
	     a->dev, l->mtu, TUN_IPIP_OVERHEAD, l->path_mtu, l->path_dev);
	fix(r, "ip link set %s mtu %u", a->dev,
	    l->path_mtu - TUN_IPIP_OVERHEAD);
}

void tun_check_run(const struct tun_args *a, const struct tun_paths *p,
		   const struct tun_link *l, struct tun_report *r)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	r->role = a->role;
	if (!r->role) {
		r->role = tun_infer_role(p->sysctl_root, a->dev);
		r->role_inferred = true;
	}
	check_device(a, l, r);
	for (i = 0; i < a->nvips; i++)
		check_vip(a, l, a->vips[i], r);
	check_sysctls(a, p, r->role, r);
	if (r->role == TUN_ROLE_REALSERVER)
		check_rp_filter(a, p, r);
	check_mtu(a, l, r);
}

bool tun_report_ok(const struct tun_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->c[i].status == TUN_FAIL)
			return false;
	return true;
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void print_json(FILE *f, const struct tun_report *r, const char *dev)
{
	const struct tun_check *c;
	size_t i;

	fputs("{\"device\":", f);
	json_str(f, dev);
	fprintf(f,
		",\"role\":\"%s\",\"role_inferred\":%s,\"ok\":%s,\"checks\":[",
		tun_role_name(r->role), r->role_inferred ? "true" : "false",
		tun_report_ok(r) ? "true" : "false");
	for (i = 0; i < r->n; i++) {
		c = &r->c[i];
		fprintf(f, "%s{\"name\":", i ? "," : "");
		json_str(f, c->name);
		fprintf(f, ",\"status\":\"%s\",\"detail\":",
			status_json[c->status]);
		json_str(f, c->detail);
		fputs(",\"fix\":", f);
		if (c->fix[0])
			json_str(f, c->fix);
		else
			fputs("null", f);
		fputc('}', f);
	}
	fputs("]}\n", f);
}

void tun_report_print(FILE *f, const struct tun_report *r, const char *dev,
		      bool json)
{
	size_t i;

	if (json) {
		print_json(f, r, dev);
		return;
	}
	fprintf(f, "# %s as %s%s\n", dev, tun_role_name(r->role),
		r->role_inferred ? " (role inferred)" : "");
	for (i = 0; i < r->n; i++) {
		fprintf(f, "%s %s", status_word[r->c[i].status],
			r->c[i].detail);
		if (r->c[i].fix[0])
			fprintf(f, ": %s", r->c[i].fix);
		fputc('\n', f);
	}
}
