# TSOS: the only entry point. `make` builds build/kernel.elf and build/os.iso,
# `make run` boots the ISO in QEMU, `make test` runs every test.
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

B := build
NODE := node
PORF := $(NODE) node_modules/porffor/runtime/index.js
CC := gcc
LD := ld
NASM := nasm
QEMU := qemu-system-i386
MEM ?= 256

# porffor's numbers are f64: gcc computes them with SSE2 (enabled in boot/),
# whose doubles round as JavaScript's do and convert to integers without the
# x87's control-word switches. The entry path does not align the stack to 16.
KERNEL_CFLAGS := -m32 -msse2 -mfpmath=sse -mpreferred-stack-boundary=2 -std=gnu11 -O2 -g -ffreestanding -nostdinc -nostdlib -fno-pic -fno-pie \
  -fno-stack-protector -fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-inline-functions-called-once -fwrapv -fno-strict-aliasing \
  -Ikernel/rt/include -Wall -Wno-unused -Wno-unused-but-set-variable -Wno-parentheses
# Whatever depends on an installed package is asked for when a recipe first
# needs it, never while make reads the Makefiles: on a fresh machine that is
# before tools/setup.mjs has installed gcc-multilib, and gcc would name its
# 64-bit libgcc. Every rule that uses LIBGCC runs after $(B)/.setup-ok.
LIBGCC = $(eval LIBGCC := $(shell $(CC) -m32 -print-libgcc-file-name))$(LIBGCC)
# tools/setup.mjs installs the host packages; SETUP=true skips it on a machine
# whose packages are managed otherwise.
SETUP ?= $(NODE) tools/setup.mjs

KERNEL_TS := $(shell find kernel -name '*.ts' -not -name '*.d.ts')
TOOL_LIBS := $(wildcard tools/lib/*.mjs)
KERNEL_DTS := $(shell find kernel -name '*.d.ts')

.PHONY: all iso run debug test test-guest test-unit test-boot test-porffor-stock bench profile fuzz clean setup

all: $(GENERATED_ABI_FILES) $(B)/kernel.elf $(B)/os.iso $(B)/initrd.tar $(B)/floor.elf

# --- host setup: node_modules, system packages, then the porffor patches ---
# setup is a zx script, so the node packages come first, without their
# postinstall step: patching porffor needs `patch`, which setup installs. A
# changed patch set starts again from a pristine porffor.
node_modules/.npm-ok: package.json package-lock.json tools/patch-porffor.mjs $(wildcard patches/porffor/*.patch)
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

$(B)/.setup-ok: tools/setup.mjs | node_modules/.npm-ok
	@mkdir -p $(B)
	@$(SETUP)
	@touch $@

node_modules/.tsos-installed: node_modules/.npm-ok | $(B)/.setup-ok
	$(NODE) tools/patch-porffor.mjs
	@touch $@

setup: $(B)/.setup-ok node_modules/.tsos-installed

# --- the syscall table: kernel dispatch, libc numbers and docs/syscalls.md are generated ---
SYSCALL_HANDLERS := $(filter-out kernel/syscalls/dispatch.ts,$(wildcard kernel/syscalls/*.ts))
GENERATED_SYSCALL_FILES := kernel/syscalls/dispatch.ts docs/syscalls.md libc/include/syscall_numbers.h
$(GENERATED_SYSCALL_FILES) &: kernel/api/syscalls.ts $(SYSCALL_HANDLERS) tools/gen-syscalls.mjs node_modules/.tsos-installed
	$(NODE) tools/gen-syscalls.mjs
	@touch $(GENERATED_SYSCALL_FILES)

# --- the ABI: kernel field names, libc's structs and constants, docs/abi.md are generated ---
GENERATED_ABI_FILES := kernel/api/layout.ts docs/abi.md $(wildcard libc/include/bits/*.h)
$(GENERATED_ABI_FILES) &: kernel/api/abi.ts kernel/api/limits.ts kernel/api/structs.ts tools/gen-abi.mjs
	$(NODE) tools/gen-abi.mjs
	@touch $(GENERATED_ABI_FILES)

# --- kernel: checks, bundle, porffor, gcc, nasm, ld ---
$(B)/.typecheck: $(KERNEL_TS) $(KERNEL_DTS) tsconfig.json node_modules/.tsos-installed
	$(NODE) node_modules/typescript/bin/tsc -p tsconfig.json
	@touch $@

$(B)/.subset-check: $(KERNEL_TS) tools/check-subset.mjs $(TOOL_LIBS) node_modules/.tsos-installed
	$(NODE) tools/check-subset.mjs --root kernel
	@touch $@

# The kernel's folders are floors: imports point down, no folder circles,
# nobody writes another folder's tables (docs/kernel-map.md).
$(B)/.layer-check: $(KERNEL_TS) tools/check-layers.mjs $(TOOL_LIBS) node_modules/.tsos-installed
	$(NODE) tools/check-layers.mjs --root kernel
	@touch $@

$(B)/kernel.bundle.ts: tools/bundle.mjs $(TOOL_LIBS) node_modules/.tsos-installed $(B)/.typecheck $(B)/.subset-check $(B)/.layer-check
	$(NODE) tools/bundle.mjs kernel/main.ts -o $@ --deps $(B)/kernel.bundle.d

-include $(B)/kernel.bundle.d

$(B)/kernel.c: $(B)/kernel.bundle.ts
	$(PORF) c --module $< $@ > $(B)/porffor.log || (cat $(B)/porffor.log; exit 1)

$(B)/bridge.o: kernel/rt/bridge.c kernel/rt/intrinsics.h $(wildcard kernel/rt/include/*.h) $(B)/kernel.c Makefile
	$(CC) $(KERNEL_CFLAGS) -w -DKERNEL_GENERATED_C='"$(abspath $(B)/kernel.c)"' -c $< -o $@

$(B)/runtime.o: kernel/rt/runtime.c kernel/rt/intrinsics.h $(wildcard kernel/rt/include/*.h) Makefile | $(B)/.setup-ok
	$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(B)/boot-%.o: boot/%.asm | $(B)/.setup-ok
	$(NASM) -f elf32 -g -F dwarf $< -o $@

BOOT_OBJS := $(patsubst boot/%.asm,$(B)/boot-%.o,$(wildcard boot/*.asm))
KERNEL_OBJS := $(BOOT_OBJS) $(B)/bridge.o $(B)/runtime.o
LINK_KERNEL = $(LD) -m elf_i386 -z noexecstack -T boot/linker.ld -o $@ $(KERNEL_OBJS) $(1) $(LIBGCC)
KSYMS_OBJCOPY = objcopy -I binary -O elf32-i386 -B i386 --rename-section .data=.ksyms,alloc,load,readonly,data,contents

# Two links: the first finds where every function lands, tools/ksyms.mjs
# turns that into the backtrace symbol table, the second links the table in
# after all code (so nothing moves; --check proves it).
$(B)/ksyms-empty.o: | $(B)/.setup-ok
	printf '\0\0\0\0' > $(B)/ksyms-empty.bin
	cd $(B) && $(KSYMS_OBJCOPY) ksyms-empty.bin ksyms-empty.o

$(B)/kernel-stage1.elf: boot/linker.ld $(KERNEL_OBJS) $(B)/ksyms-empty.o
	$(call LINK_KERNEL,$(B)/ksyms-empty.o)

$(B)/ksyms.o: $(B)/kernel-stage1.elf tools/ksyms.mjs
	$(NODE) tools/ksyms.mjs $< -o $(B)/ksyms.bin
	cd $(B) && $(KSYMS_OBJCOPY) ksyms.bin ksyms.o

$(B)/kernel.elf: boot/linker.ld $(KERNEL_OBJS) $(B)/ksyms.o
	$(call LINK_KERNEL,$(B)/ksyms.o)
	$(NODE) tools/ksyms.mjs --check $@ $(B)/ksyms.bin

include userland/userland.mk
include userland/ts/ts.mk

include bench/floor/floor.mk

# --- ISO ---
# The ISO carries a stripped kernel: GRUB reads the whole file into its own
# heap, and the debug sections would triple it (a 32 MiB PC runs out of
# memory). build/kernel.elf keeps them for gdb; backtraces use .ksyms.
iso: $(B)/os.iso
$(B)/os.iso: $(B)/kernel.elf $(B)/initrd.tar iso/grub.cfg
	rm -rf $(B)/isodir
	mkdir -p $(B)/isodir/boot/grub
	strip -o $(B)/isodir/boot/kernel.elf $(B)/kernel.elf
	cp $(B)/initrd.tar $(B)/isodir/boot/initrd.tar
	cp iso/grub.cfg $(B)/isodir/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(B)/isodir 2> $(B)/grub-mkrescue.log || (cat $(B)/grub-mkrescue.log; exit 1)

# --- running ---
# The serial console is this terminal; with a display QEMU's window shows the
# VGA console (keyboard + screen, its own shell). Headless, add
# QEMU_DISPLAY='-display vnc=127.0.0.1:1' to reach it with a VNC viewer on
# port 5901 (docs/tty.md). Ctrl-A X quits QEMU.
QEMU_DISPLAY = $(if $(DISPLAY)$(WAYLAND_DISPLAY),,-display none)
run: all
	@echo "QEMU: the serial console below, the VGA console in the window (docs/tty.md); Ctrl-A X quits"
	$(QEMU) -cdrom $(B)/os.iso -m $(MEM) -serial mon:stdio $(QEMU_DISPLAY) -no-reboot

debug: all
	@echo "QEMU is halted with a gdb stub on :1234. In another terminal:"
	@echo "  gdb $(B)/kernel.elf -ex 'target remote :1234' -ex 'break kmain' -ex continue"
	$(QEMU) -cdrom $(B)/os.iso -m $(MEM) -serial mon:stdio $(QEMU_DISPLAY) -no-reboot -s -S

# --- tests ---
test: all
	$(NODE) --test --test-reporter=spec tests/

# One boot that runs only the guest tests named: make test-guest T=test-fork[,ts-hello] [CPU=max]
test-guest: all
	$(NODE) tools/test-guest.mjs $(T) $(if $(CPU),--cpu=$(CPU))

bench: all
	BENCH_CPU=$(CPU) $(NODE) tools/bench.mjs

# Where the kernel's time goes under /bin/bench, per phase (docs/profiling.md): make profile [PHASE=fork-exit-wait] [CPU=...]
profile: all
	$(NODE) tools/profile.mjs $(if $(PHASE),--phase $(PHASE)) $(if $(CPU),--cpu $(CPU))

# The syscall fuzzer alone, with any seed and length: make fuzz SEED=7 CALLS=1000000
SEED ?= 1
CALLS ?= 100000
fuzz: all
	$(NODE) tools/fuzz.mjs --seed $(SEED) --calls $(CALLS)

test-porffor-stock: node_modules/.tsos-installed
	$(NODE) tests/porffor/stock.mjs

clean:
	rm -rf $(B)
