# SPDX-License-Identifier: GPL-2.0-or-later
# Makefile: the one non-recursive build of ipvsadm, its tests and tools.

CC ?= cc
PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
# Where the system looks for units and completions, when it says so.
ifndef SYSTEMDUNITDIR
SYSTEMDUNITDIR := $(or $(shell $(PKG_CONFIG) --variable=systemdsystemunitdir \
	systemd 2>/dev/null),/lib/systemd/system)
endif
ifndef BASHCOMPDIR
BASHCOMPDIR := $(or $(shell $(PKG_CONFIG) --variable=completionsdir \
	bash-completion 2>/dev/null),$(PREFIX)/share/bash-completion/completions)
endif
DESTDIR ?=
CFLAGS ?= -O2 -g
CPPFLAGS ?=
LDFLAGS ?=

ifeq ($(V),1)
Q :=
else
Q := @
endif

# pkg-config module -> Debian package that provides it.
PKGS := libnl-3.0:libnl-3-dev libnl-genl-3.0:libnl-genl-3-dev \
	libnl-route-3.0:libnl-route-3-dev popt:libpopt-dev
PKG_MODS := $(foreach p,$(PKGS),$(firstword $(subst :, ,$(p))))

# Only the goals that compile need the libraries; deps and clean must run
# on a machine that has none of them yet.
NOLIB_GOALS := deps clean format uninstall
ifneq ($(filter-out $(NOLIB_GOALS),$(or $(MAKECMDGOALS),all)),)
MISSING := $(foreach p,$(PKGS),$(if $(shell $(PKG_CONFIG) --exists \
	$(firstword $(subst :, ,$(p))) 2>/dev/null && echo y),,\
	$(lastword $(subst :, ,$(p)))))
ifneq ($(strip $(MISSING)),)
$(error missing build dependencies: install the Debian package(s) $(MISSING) (or run 'make deps'))
endif
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKG_MODS))
# libnl-route-3 is dlopen()ed by `tun` (tunctl/rtnl.h): not linked.
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(filter-out libnl-route-3.0,\
	$(PKG_MODS)))
endif

WARN := -std=gnu11 -Wall -Wextra -Wformat=2 -Wmissing-prototypes \
	-Wstrict-prototypes -Wshadow -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN += -Werror
endif
ALL_CPPFLAGS := -I. -D_GNU_SOURCE $(PKG_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS := $(WARN) $(CFLAGS)

B := build
LIB_SRCS := $(sort $(wildcard libipvs/*.c))
CLI_SRCS := $(sort $(wildcard cli/*.c))
TUN_SRCS := $(sort $(wildcard tunctl/*.c))
CORE_SRCS := $(LIB_SRCS) $(CLI_SRCS) $(TUN_SRCS)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_HELPERS := $(filter-out $(UNIT_SRCS),$(sort $(wildcard tests/unit/*.c)))
# Small C programs run inside the guest (API tests, helpers): one per file.
GUEST_SRCS := $(sort $(wildcard tests/guest/*.c))
GUEST_BINS := $(GUEST_SRCS:tests/guest/%.c=$(B)/guest/%)
# Benchmark programs, also run inside the guest; ipvsblob is a host tool.
BENCH_SRCS := $(filter-out bench/ipvsblob.c,$(sort $(wildcard bench/*.c)))
BENCH_BINS := $(BENCH_SRCS:bench/%.c=$(B)/guest/%)

CORE_OBJS := $(CORE_SRCS:%.c=$(B)/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/unit/%)
ASAN_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/asan/unit/%)
ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
# libFuzzer targets: clang, the core built with the fuzzer's coverage and
# the sanitizers into $(B)/fuzz/, one binary per tests/fuzz/fuzz_*.c.
FUZZ_CC ?= clang
FUZZ_FLAGS := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_HELPERS := $(filter-out $(FUZZ_SRCS),$(sort $(wildcard tests/fuzz/*.c)))
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(B)/fuzz/bin/%)
# make check: a smoke run; make fuzz: the real one.
FUZZ_SMOKE_RUNS ?= 20000
FUZZ_RUNS ?= 1000000
FUZZ_SECONDS ?= 600

.PHONY: all check demo bench install uninstall clean deps unit unit-asan \
	vm guest-tools lint format format-check shellcheck manlint \
	install-check completion-check fuzz fuzz-smoke asan-ipvsadm valgrind
.DEFAULT_GOAL := all
# Keep objects between links: every test binary shares them.
.SECONDARY:

all: ipvsadm

ipvsadm: $(B)/ipvsadm.o $(CORE_OBJS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/%.o: %.c $(wildcard libipvs/*.h cli/*.h tunctl/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(B)/asan/%.o: %.c $(wildcard libipvs/*.h cli/*.h tunctl/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC-ASAN $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ASAN_FLAGS) -c -o $@ $<

$(B)/fuzz/%.o: %.c $(wildcard libipvs/*.h cli/*.h tunctl/*.h tests/fuzz/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC-FUZZ $<")
	$(Q)$(FUZZ_CC) $(ALL_CPPFLAGS) $(WARN) $(FUZZ_FLAGS) \
		-fsanitize=fuzzer-no-link -c -o $@ $<

# Each unit test links the whole core (never main) plus the shared helpers.
$(B)/unit/%: $(B)/tests/unit/%.o $(CORE_OBJS) \
		$(UNIT_HELPERS:%.c=$(B)/%.o)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lcmocka

$(B)/asan/unit/%: $(B)/asan/tests/unit/%.o $(CORE_SRCS:%.c=$(B)/asan/%.o) \
		$(UNIT_HELPERS:%.c=$(B)/asan/%.o)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD-ASAN $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) $(LDFLAGS) -o $@ $^ \
		$(PKG_LIBS) -lcmocka

# ipvsadm itself with ASan + UBSan, for the guest suites: in build/guest so
# that the initramfs carries it and its runtime libraries (ldd).
$(B)/asan/ipvsadm: $(B)/asan/ipvsadm.o $(CORE_SRCS:%.c=$(B)/asan/%.o)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD-ASAN $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/guest/ipvsadm-asan: $(B)/asan/ipvsadm
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

asan-ipvsadm: $(B)/guest/ipvsadm-asan

$(B)/fuzz/bin/%: $(B)/fuzz/tests/fuzz/%.o $(CORE_SRCS:%.c=$(B)/fuzz/%.o) \
		$(FUZZ_HELPERS:%.c=$(B)/fuzz/%.o)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD-FUZZ $@")
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $^ \
		$(PKG_LIBS)

$(B)/guest/%: $(B)/tests/guest/%.o $(CORE_OBJS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# The floor and the stopwatch link libc only: no libnl start-up to pay.
$(B)/guest/%: $(B)/bench/%.o
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^

$(B)/bench/ipvsblob: $(B)/bench/ipvsblob.o $(CORE_OBJS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

guest-tools: $(GUEST_BINS) $(BENCH_BINS) $(B)/guest/ipvsadm-asan

unit: $(UNIT_BINS)
	$(Q)tests/unit/run.sh unit $(UNIT_BINS)

unit-asan: $(ASAN_BINS)
	$(Q)tests/unit/run.sh unit-asan $(ASAN_BINS)

fuzz-smoke: $(FUZZ_BINS)
	$(Q)tests/fuzz/run.sh $(FUZZ_SMOKE_RUNS) 0 $(FUZZ_BINS)

fuzz: $(FUZZ_BINS)
	$(Q)tests/fuzz/run.sh $(FUZZ_RUNS) $(FUZZ_SECONDS) $(FUZZ_BINS)

# memcheck on the host: the unit tests and ipvsadm's kernel-free paths.
valgrind: ipvsadm $(UNIT_BINS)
	$(Q)tests/valgrind/run.sh ./ipvsadm $(UNIT_BINS)

# --- style gates -----------------------------------------------------------
C_FILES = $(shell git ls-files '*.c' '*.h' 2>/dev/null || \
	find . -name '*.[ch]' -not -path './build/*')
SH_FILES = $(shell git ls-files '*.sh' '.ci/run' 'scripts/ipvsadm-save' \
	'scripts/ipvsadm-restore' 2>/dev/null)
MAN_PAGES := $(wildcard man/*.8)

format:
	$(Q)clang-format -i $(C_FILES)

format-check:
	@echo "  FORMAT  checking $(words $(C_FILES)) files"
	$(Q)clang-format -n --Werror $(C_FILES)

shellcheck:
	@echo "  SHELL   checking $(words $(SH_FILES)) files"
	$(Q)$(if $(SH_FILES),shellcheck -x $(SH_FILES))

manlint:
	@echo "  MAN     checking $(words $(MAN_PAGES)) pages"
	$(Q)tests/manlint.sh $(MAN_PAGES)

lint: format-check shellcheck manlint

# --- the real-kernel suites ------------------------------------------------
vm: ipvsadm guest-tools
	$(Q)tests/vm/run-suites.sh

# check: warnings are errors, then every gate and every suite.
check: deps
	$(Q)$(MAKE) --no-print-directory WERROR=1 all unit unit-asan
	$(Q)$(MAKE) --no-print-directory WERROR=1 fuzz-smoke
	$(Q)$(MAKE) --no-print-directory lint
	$(Q)$(MAKE) --no-print-directory install-check
	$(Q)$(MAKE) --no-print-directory completion-check
	$(Q)$(MAKE) --no-print-directory WERROR=1 vm

demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)tests/vm/demo.sh

bench: deps
	$(Q)$(MAKE) --no-print-directory all guest-tools $(B)/bench/ipvsblob
	$(Q)bench/run.sh

deps:
	$(Q)tests/deps.sh

# --- installation ----------------------------------------------------------
INSTALL_SCRIPTS := scripts/ipvsadm-save scripts/ipvsadm-restore
INSTALL_MANS := man/ipvsadm.8 man/ipvsadm-save.8 man/ipvsadm-restore.8

install: ipvsadm
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(BASHCOMPDIR)
	install -m 0755 ipvsadm $(INSTALL_SCRIPTS) $(DESTDIR)$(SBINDIR)/
	install -m 0644 $(INSTALL_MANS) $(DESTDIR)$(MANDIR)/man8/
	sed 's|@SBINDIR@|$(SBINDIR)|g' scripts/ipvsadm.service \
		>$(DESTDIR)$(SYSTEMDUNITDIR)/ipvsadm.service
	chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/ipvsadm.service
	install -m 0644 scripts/ipvsadm.bash-completion \
		$(DESTDIR)$(BASHCOMPDIR)/ipvsadm

uninstall:
	rm -f $(addprefix $(DESTDIR)$(SBINDIR)/,ipvsadm \
		$(notdir $(INSTALL_SCRIPTS)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man8/,$(notdir $(INSTALL_MANS)))
	rm -f $(DESTDIR)$(SYSTEMDUNITDIR)/ipvsadm.service
	rm -f $(DESTDIR)$(BASHCOMPDIR)/ipvsadm

# Installs into a scratch DESTDIR, runs what got installed, uninstalls.
install-check: ipvsadm
	$(Q)tests/install/run.sh

completion-check:
	$(Q)tests/completion/run.sh

clean:
	rm -rf $(B) ipvsadm
