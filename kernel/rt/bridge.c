/* The bridge from assembly into TypeScript: one translation unit holding the
   intrinsics, porffor's generated kernel (build/kernel.c) and the two entry
   points assembly and the runtime call. gcc type-checks the calls into the
   generated functions because they share this unit. */
#include "intrinsics.h"
#include KERNEL_GENERATED_C

#define PORFFOR_NUMBER 1 /* porffor's type tag for a number argument */

void runtime_fatal(const char *why) __attribute__((noreturn));
void runtime_fatal(const char *why) {
    printf("\nruntime: %s\n", why);
    kernelFatal();
    for (;;) __hlt();
}

/* porffor's stock `throw` and process exit both end here. */
void exit(int status) {
    (void)status;
    runtime_fatal("porffor exit (an uncaught throw in the kernel)");
}

/* Called by boot/interrupts.asm with the saved register frame of every
   interrupt, exception and syscall: straight into the trap dispatch
   (kernel/trap/trap.ts, which kernel/main.ts re-exports). */
void interrupt_entry(uint32_t frame) {
    handleInterrupt((f64)frame, PORFFOR_NUMBER);
}

/* Called by boot/multiboot.asm with the multiboot magic and the physical
   address of the multiboot information. main() is porffor's initialiser: it
   sets up the linear memory, placed by arena_place, and the kernel's
   module-level state. */
void kernel_entry(uint32_t magic, uint32_t info) {
    arena_place(magic, info);
    main();
    kmain((f64)magic, PORFFOR_NUMBER, (f64)info, PORFFOR_NUMBER);
}
