// Deliberate CPU exceptions and state damage, for the tests of the panic
// path (test=fault-*) and of FPU state saving (test=cpu).

/** Executes an integer division by zero (#DE, vector 0). */
export const triggerDivideError = (): void => {
  Porffor.c`__asm__ volatile("xor %%ecx, %%ecx; div %%ecx" : : : "eax", "ecx", "edx");`;
};

/**
 * Leaves the x87 unit dirty: six values pushed and rounding set to "up".
 * An interrupt handler may do this legally, because the entry stub saves
 * and restores the interrupted FPU state; without that, code the interrupt
 * landed in computes garbage.
 */
export const fpuClobber = (): void => {
  Porffor.c`static const unsigned short round_up = 0x0b7f; __asm__ volatile("fldpi; fldpi; fldpi; fldpi; fldpi; fldpi; fldcw %0" : : "m"(round_up));`;
};

/** Executes ud2 (#UD, vector 6). */
export const triggerInvalidOpcode = (): void => {
  Porffor.c`__asm__ volatile("ud2");`;
};

/** Calls the code at address (a kernel address), for the test that kernel data may not run. */
export const callAddress = (address: number): void => {
  Porffor.c`((void (*)(void))__u32(address))();`;
};
