# The syscall floor kernel for `make bench` (bench/floor/floor.asm, measured
# by tools/floor.mjs). Included from the main Makefile, which defines B, NASM
# and LD; the defaults below only serve a standalone
#   make -f bench/floor/floor.mk build/floor.elf
# (which, like the boot/ objects, wants $(B)/.setup-ok: run `make setup` once).
B ?= build
NASM ?= nasm
LD ?= ld

$(B)/floor.o: bench/floor/floor.asm | $(B)/.setup-ok
	$(NASM) -f elf32 -g -F dwarf $< -o $@

$(B)/floor.elf: bench/floor/floor.ld $(B)/floor.o
	$(LD) -m elf_i386 -z noexecstack -T bench/floor/floor.ld -o $@ $(B)/floor.o
