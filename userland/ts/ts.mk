# User programs written in TypeScript: userland/ts/<name>.ts (every .ts here
# but sys.ts and .d.ts files) is the ring-3 test program
# $(B)/user/tests/ts-<name>, installed in the ramdisk as /usr/tests/ts-<name>
# (like the C tests, it prints KTEST lines and exits with its failure count;
# it is not in /bin/run-tests's default list, which is the test-* programs).
#
# Included by the main Makefile after userland/userland.mk, whose libc,
# USER_CFLAGS, USER_LDFLAGS and USER_LINK_DEPS it uses. The pipeline is the
# kernel's, with libc underneath instead of kernel/rt:
#   tsc -p userland/ts/tsconfig.json                (strict type check)
#   tools/bundle.mjs <name>.ts                       -> $(B)/user/ts/<name>.bundle.ts
#   porffor c --module                               -> $(B)/user/ts/<name>.c
#   gcc (USER_CFLAGS, rt.h force-included)           -> $(B)/user/ts/<name>.o
#   ld (user.ld): crt0.o <name>.o rt.o libc.a libgcc -> $(B)/user/tests/ts-<name>
# porffor's main() (its memory set-up, then the program's top-level code) is
# the C main that libc's crt0 calls; its linear memory comes from libc's
# calloc/realloc, its math from userland/ts/rt.c.
#
# Outputs: $(B)/user/tests/ts-<name> (TS_TEST_BINS), $(B)/user/ts/
# (intermediates: bundle, generated C, objects, porffor logs).

PORF ?= $(NODE) node_modules/porffor/runtime/index.js

TS_DIR := userland/ts
TS_OUT := $(B)/user/ts
TS_PROGS := $(basename $(notdir $(filter-out $(TS_DIR)/sys.ts %.d.ts,$(wildcard $(TS_DIR)/*.ts))))
TS_TEST_BINS := $(addprefix $(B)/user/tests/ts-,$(TS_PROGS))

# Generated C: porffor's output is not -Wall clean (-w); -fwrapv and
# -fno-strict-aliasing as for the kernel's generated C (it reinterprets
# memory through casts); <math.h> from userland/ts/include; rt.h declares
# what the Porffor.c snippets of sys.ts call.
TS_GEN_CFLAGS = $(USER_CFLAGS) -fwrapv -fno-strict-aliasing -w -I$(TS_DIR)/include -include $(TS_DIR)/rt.h
TS_RT_CFLAGS = $(USER_CFLAGS) -I$(TS_DIR)/include

.PHONY: ts-userland
ts-userland: $(TS_TEST_BINS)

$(TS_OUT)/.typecheck: $(wildcard $(TS_DIR)/*.ts) $(TS_DIR)/tsconfig.json tsconfig.json node_modules/.tsos-installed
	@mkdir -p $(@D)
	$(NODE) node_modules/typescript/bin/tsc -p $(TS_DIR)/tsconfig.json
	@touch $@

$(TS_OUT)/%.bundle.ts: $(TS_DIR)/%.ts tools/bundle.mjs $(TOOL_LIBS) $(TS_OUT)/.typecheck
	$(NODE) tools/bundle.mjs $< -o $@ --deps $(TS_OUT)/$*.bundle.d

$(TS_OUT)/%.c: $(TS_OUT)/%.bundle.ts
	$(PORF) c --module $< $@ > $(TS_OUT)/$*.porffor.log || (cat $(TS_OUT)/$*.porffor.log; exit 1)

$(TS_OUT)/%.o: $(TS_OUT)/%.c $(TS_DIR)/rt.h $(TS_DIR)/ts.mk libc/include/syscall_numbers.h
	$(CC) $(TS_GEN_CFLAGS) -c $< -o $@

$(TS_OUT)/rt.o: $(TS_DIR)/rt.c $(TS_DIR)/rt.h $(TS_DIR)/ts.mk | $(B)/.setup-ok
	@mkdir -p $(@D)
	$(CC) $(TS_RT_CFLAGS) -c $< -o $@

$(TS_TEST_BINS): $(B)/user/tests/ts-%: $(TS_OUT)/%.o $(TS_OUT)/rt.o $(USER_LINK_DEPS)
	@mkdir -p $(@D)
	$(LD) $(USER_LDFLAGS) -o $@ $(LIBC_CRT0) $< $(TS_OUT)/rt.o $(LIBC_A) $(LIBGCC)

# The ramdisk copies TS_TEST_BINS into /usr/tests (userland/userland.mk).
$(B)/initrd.tar: $(TS_TEST_BINS) $(TS_DIR)/ts.mk

.SECONDARY: $(TS_PROGS:%=$(TS_OUT)/%.bundle.ts) $(TS_PROGS:%=$(TS_OUT)/%.c) $(TS_PROGS:%=$(TS_OUT)/%.o)

-include $(TS_PROGS:%=$(TS_OUT)/%.bundle.d) $(wildcard $(TS_OUT)/*.d)
