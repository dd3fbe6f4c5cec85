// SPDX-License-Identifier: GPL-2.0-or-later
/* tun_int.h: what the files of `ipvsadm tun` share: arguments, state, plans. */
#ifndef TUNCTL_TUN_INT_H
#define TUNCTL_TUN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <netinet/in.h>

#define TUN_EXIT_OK 0
#define TUN_EXIT_FAIL 1 /* a system call failed, or a check failed */
#define TUN_EXIT_USAGE 2 /* bad usage or input; nothing was changed */

#define TUN_DEFAULT_DEV "tunl0"
#define TUN_DEFAULT_STATE_DIR "/run/ipvsadm"
#define TUN_DEFAULT_SYSCTL_ROOT "/proc/sys"
#define TUN_STATE_DIR_ENV "IPVSADM_TUN_STATE_DIR"

#define TUN_MAX_VIPS 64
#define TUN_MAX_STATE 16
#define TUN_KEY_LEN 96
#define TUN_DEV_LEN 16 /* IFNAMSIZ */
#define TUN_PATH_LEN 512
#define TUN_IPIP_OVERHEAD 20

enum tun_cmd {
	TUN_CMD_NONE,
	TUN_CMD_DIRECTOR,
	TUN_CMD_REALSERVER,
	TUN_CMD_DOWN,
	TUN_CMD_CHECK,
	TUN_CMD_HELP,
};

/* Role bits: which set-up a sysctl setting belongs to. */
enum tun_role {
	TUN_ROLE_NONE = 0,
	TUN_ROLE_DIRECTOR = 1,
	TUN_ROLE_REALSERVER = 2,
};

struct tun_args {
	enum tun_cmd cmd;
	enum tun_role role; /* check: 0 = infer it */
	char dev[TUN_DEV_LEN];
	bool dry_run;
	bool json;
	size_t nvips;
	struct in_addr vips[TUN_MAX_VIPS];
};

/* Where the files live; tests point these at a temporary tree. */
struct tun_paths {
	const char *sysctl_root;
	const char *state_dir;
};

/* args.c */
int tun_parse(int argc, char **argv, struct tun_args *a, char *err,
	      size_t errlen);
void tun_usage(FILE *f);
const char *tun_role_name(enum tun_role role);

/* sysctl.c: one wanted setting; "%s" in the key stands for the device. */
struct tun_sysctl {
	const char *key;
	int want;
	unsigned int roles;
};

/* The settings of both roles, the reason for each in a comment. */
extern const struct tun_sysctl tun_sysctls[];
extern const size_t tun_nsysctls;

struct tun_state_ent {
	char key[TUN_KEY_LEN];
	int val;
};

/* The sysctl values as they were before the first set-up. */
struct tun_state {
	size_t n;
	struct tun_state_ent ent[TUN_MAX_STATE];
};

int tun_sysctl_key(char *buf, size_t len, const char *fmt, const char *dev);
int tun_sysctl_read(const char *root, const char *key, int *val);
int tun_sysctl_write(const char *root, const char *key, int val);
int tun_state_path(char *buf, size_t len, const char *dir, const char *dev);
int tun_state_load(const char *path, struct tun_state *st);
int tun_state_save(const char *path, const struct tun_state *st);
const struct tun_state_ent *tun_state_find(const struct tun_state *st,
					   const char *key);
int tun_state_add(struct tun_state *st, const char *key, int val);

/* link.c: what we need to know about the tunnel device. */
struct tun_addr {
	struct in_addr addr;
	int prefix;
};

struct tun_link {
	bool exists;
	bool is_ipip;
	bool up;
	bool module; /* ipip is loaded (or built in) */
	char kind[16];
	unsigned int mtu;
	int ifindex;
	size_t naddrs;
	struct tun_addr *addrs; /* the device's IPv4 addresses */
	unsigned int path_mtu; /* smallest MTU of the up Ethernet links */
	char path_dev[TUN_DEV_LEN];
};

struct nl_sock;

int tun_nl_open(struct nl_sock **sk);
void tun_nl_close(struct nl_sock *sk);
int tun_link_observe(struct nl_sock *sk, const char *dev, struct tun_link *l);
void tun_link_free(struct tun_link *l);
int tun_link_load_module(struct nl_sock *sk, const char *dev);
int tun_link_create(struct nl_sock *sk, const char *dev);
int tun_link_set_up(struct nl_sock *sk, int ifindex);
int tun_addr_change(struct nl_sock *sk, int ifindex, const struct tun_addr *a,
		    bool add);
const struct tun_addr *tun_link_find_addr(const struct tun_link *l,
					  struct in_addr a);

/* plan.c: the changes a set-up or tear-down needs, in order. */
enum tun_act_kind {
	TUN_ACT_MODPROBE,
	TUN_ACT_LINK_ADD,
	TUN_ACT_STATE_SAVE,
	TUN_ACT_SYSCTL,
	TUN_ACT_ADDR_DEL,
	TUN_ACT_ADDR_ADD,
	TUN_ACT_LINK_UP,
	TUN_ACT_STATE_DROP,
};

struct tun_act {
	enum tun_act_kind kind;
	char key[TUN_KEY_LEN];
	int val;
	struct tun_addr addr;
};

#define TUN_MAX_ACTS (2 * TUN_MAX_VIPS + TUN_MAX_STATE + 8)

struct tun_plan {
	size_t n;
	struct tun_act act[TUN_MAX_ACTS];
	struct tun_state state; /* what STATE_SAVE writes */
	char state_path[TUN_PATH_LEN];
};

int tun_plan_setup(const struct tun_args *a, const struct tun_paths *p,
		   const struct tun_link *l, struct tun_plan *plan);
int tun_plan_down(const struct tun_args *a, const struct tun_paths *p,
		  const struct tun_link *l, struct tun_plan *plan);
void tun_plan_print(FILE *f, const struct tun_plan *plan, const char *dev);
int tun_plan_run(struct nl_sock *sk, const struct tun_plan *plan,
		 const struct tun_paths *p, const char *dev, int ifindex);

/* check.c */
enum tun_status {
	TUN_OK,
	TUN_WARN,
	TUN_FAIL,
};

struct tun_check {
	enum tun_status status;
	char name[TUN_KEY_LEN];
	char detail[160];
	char fix[224];
};

#define TUN_MAX_CHECKS (TUN_MAX_VIPS + 24)

struct tun_report {
	enum tun_role role;
	bool role_inferred;
	size_t n;
	struct tun_check c[TUN_MAX_CHECKS];
};

enum tun_role tun_infer_role(const char *root, const char *dev);
void tun_check_run(const struct tun_args *a, const struct tun_paths *p,
		   const struct tun_link *l, struct tun_report *r);
bool tun_report_ok(const struct tun_report *r);
void tun_report_print(FILE *f, const struct tun_report *r, const char *dev,
		      bool json);

#endif /* TUNCTL_TUN_INT_H */
