# User space: libc, the user programs and the initial ramdisk.
#
# Included by the main Makefile (`include userland/userland.mk`), which
# defines B, CC, LD, NODE. Standalone, from the repository root:
#   make -f userland/userland.mk B=build CC=gcc LD=ld build/initrd.tar
# (which, like every compile here, wants $(B)/.setup-ok: run `make setup` once).
#
# Outputs
#   $(B)/libc/crt0.o, $(B)/libc/libc.a    the C library (libc/)
#   $(B)/user/<prog>                      static i686 ELF programs, linked by
#                                         userland/user.ld at 0x08048000 with
#                                         separate R+X / R / R+W segments
#   $(B)/user/tests/<test>                the test programs, linked the same way
#   $(B)/initrd-root/                     the ramdisk tree: /bin/<prog>,
#                                         /usr/tests/<test> and the fixtures of
#                                         userland/root/
#   $(B)/initrd.tar                       that tree as a ustar archive
#                                         (tools/mkinitrd.mjs, docs/initrd.md)
# `make userland` builds all of them. Header dependencies come from gcc -MMD,
# so a second make rebuilds nothing.

B ?= build
CC ?= gcc
LD ?= ld
NODE ?= node
AR ?= ar

.PHONY: userland
userland: $(B)/initrd.tar

# The host gcc predefines __linux__, __gnu_linux__ and linux even with
# -nostdinc; programs built here are for this system, which says so with
# __tsos__ (libc/README.md).
USER_CFLAGS := -m32 -std=gnu11 -O2 -ffreestanding -nostdlib -nostdinc -fno-pic -fno-pie \
  -fno-stack-protector -fno-builtin -fno-asynchronous-unwind-tables -fno-omit-frame-pointer \
  -fno-tree-loop-distribute-patterns -Wall -Wextra -Ilibc/include -MMD -MP \
  -U__linux__ -U__linux -U__gnu_linux__ -Ulinux -D__tsos__
USER_LDFLAGS := -m elf_i386 -static -T userland/user.ld --build-id=none
# The main Makefile defines LIBGCC (asked for only when a link runs, after
# $(B)/.setup-ok, which every compile below waits for).
LIBGCC ?= $(eval LIBGCC := $(shell $(CC) -m32 -print-libgcc-file-name))$(LIBGCC)

# --- libc ---
LIBC_OBJS := $(patsubst libc/src/%.c,$(B)/libc/%.o,$(wildcard libc/src/*.c))
LIBC_CRT0 := $(B)/libc/crt0.o
LIBC_A := $(B)/libc/libc.a

$(B)/libc/%.o: libc/src/%.c userland/userland.mk | $(B)/.setup-ok
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -c $< -o $@

$(LIBC_CRT0): libc/crt0.S userland/userland.mk | $(B)/.setup-ok
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -c $< -o $@

$(LIBC_A): $(LIBC_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

# --- programs ---
# userland/<name>.c is /bin/<name>. userland/tests/test-<name>.c is the test
# program /usr/tests/test-<name>, one of the tests /bin/run-tests runs by
# default; userland/tests/fail-<name>.c and long-<name>.c are
# /usr/tests/fail-<name> and long-<name>, installed but kept out of that
# list (deliberately failing tests, and tests too long for it that get a
# boot of their own; run only by name). Test programs are linked with the
# shared test helpers (tests/ktest.c).
USER_BASE_PROGS := $(basename $(notdir $(wildcard userland/*.c)))
USER_TEST_PROGS := $(sort $(basename $(notdir $(wildcard userland/tests/test-*.c))))
USER_FAIL_PROGS := $(sort $(basename $(notdir $(wildcard userland/tests/fail-*.c userland/tests/long-*.c))))
USER_BASE_BINS := $(addprefix $(B)/user/,$(USER_BASE_PROGS))
USER_TEST_BINS := $(addprefix $(B)/user/tests/,$(USER_TEST_PROGS) $(USER_FAIL_PROGS))
USER_BINS := $(USER_BASE_BINS) $(USER_TEST_BINS)
USER_LINK_DEPS := $(LIBC_CRT0) $(LIBC_A) userland/user.ld

$(B)/user/obj/%.o: userland/%.c userland/userland.mk | $(B)/.setup-ok
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -c $< -o $@

$(USER_BASE_BINS): $(B)/user/%: $(B)/user/obj/%.o $(USER_LINK_DEPS)
	$(LD) $(USER_LDFLAGS) -o $@ $(LIBC_CRT0) $< $(USER_EXTRA_OBJS) $(LIBC_A) $(LIBGCC)

$(USER_TEST_BINS): $(B)/user/tests/%: $(B)/user/obj/tests/%.o $(B)/user/obj/tests/ktest.o $(USER_LINK_DEPS)
	@mkdir -p $(@D)
	$(LD) $(USER_LDFLAGS) -o $@ $(LIBC_CRT0) $< $(B)/user/obj/tests/ktest.o $(USER_EXTRA_OBJS) $(LIBC_A) $(LIBGCC)

# --- SQLite ---
# The amalgamation that the better-sqlite3 package vendors (a pinned
# devDependency: node_modules is its only copy), built unmodified for this
# libc as one object that /bin/sqlite3 and test-sqlite link. The options:
# single-threaded, no extension loading, no memory statistics (a faster
# malloc path), double-quoted strings are identifiers only, the math SQL
# functions, and the unix VFS with dot-file locking: the kernel has no
# record locks (F_SETLK is EINVAL), so "<db>.lock", a directory made with
# mkdir, is the one exclusive lock, which holds across processes too.
SQLITE_SRC := node_modules/better-sqlite3/deps/sqlite3
SQLITE_OBJ := $(B)/sqlite/sqlite3.o
SQLITE_CFLAGS := -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_DEFAULT_MEMSTATUS=0 -DSQLITE_DQS=0 \
  -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_DEFAULT_UNIX_VFS='"unix-dotfile"' -DHAVE_USLEEP=1 -DHAVE_LOCALTIME_R=1 \
  -I$(SQLITE_SRC)
SQLITE_USERS := $(B)/user/sqlite3 $(B)/user/tests/test-sqlite $(B)/user/bench-sqlite

$(SQLITE_SRC)/sqlite3.c $(SQLITE_SRC)/sqlite3.h: | $(B)/.setup-ok
	@test -f $@ || (echo "$@ missing: npm ci installs it (better-sqlite3)"; exit 1)

# Its own code draws only unused-parameter warnings.
$(SQLITE_OBJ): $(SQLITE_SRC)/sqlite3.c userland/userland.mk | $(B)/.setup-ok
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(SQLITE_CFLAGS) -Wno-unused-parameter -c $< -o $@

$(SQLITE_USERS): $(SQLITE_OBJ)
$(SQLITE_USERS): USER_EXTRA_OBJS := $(SQLITE_OBJ)
$(SQLITE_USERS:$(B)/user/%=$(B)/user/obj/%.o): USER_CFLAGS += -I$(SQLITE_SRC)
$(SQLITE_USERS:$(B)/user/%=$(B)/user/obj/%.o): $(SQLITE_SRC)/sqlite3.h

# --- the initial ramdisk ---
# The tree is rebuilt from scratch each time so nothing stale survives.
# Modes: programs and directories 0755; userland/root files 0755 (most are
# exec-test fixtures: scripts and non-ELF files), except INITRD_MODE_0644
# (a fixture that must not be executable, and the user and group databases).
INITRD_ROOT := $(B)/initrd-root
INITRD_FIXTURES := $(patsubst userland/root/%,%,$(shell find userland/root -type f))
INITRD_MODE_0644 := usr/tests/fixtures/no-exec-perm etc/passwd etc/group

$(B)/initrd.tar: $(USER_BINS) $(addprefix userland/root/,$(INITRD_FIXTURES)) tools/mkinitrd.mjs userland/userland.mk
	rm -rf $(INITRD_ROOT)
	mkdir -p $(INITRD_ROOT)/bin $(INITRD_ROOT)/usr/tests
	cp $(USER_BASE_BINS) $(INITRD_ROOT)/bin/
	cp $(USER_TEST_BINS) $(TS_TEST_BINS) $(INITRD_ROOT)/usr/tests/
	cp -R userland/root/. $(INITRD_ROOT)/
	chmod -R u=rwX,go=rX $(INITRD_ROOT)
	chmod 0755 $(USER_BASE_BINS:$(B)/user/%=$(INITRD_ROOT)/bin/%) $(USER_TEST_BINS:$(B)/user/tests/%=$(INITRD_ROOT)/usr/tests/%) $(addprefix $(INITRD_ROOT)/,$(filter-out $(INITRD_MODE_0644),$(INITRD_FIXTURES)))
	chmod 0644 $(addprefix $(INITRD_ROOT)/,$(INITRD_MODE_0644))
	$(NODE) tools/mkinitrd.mjs $(INITRD_ROOT) -o $@

-include $(LIBC_OBJS:.o=.d) $(LIBC_CRT0:.o=.d) $(wildcard $(B)/user/obj/*.d $(B)/user/obj/tests/*.d $(B)/sqlite/*.d)
