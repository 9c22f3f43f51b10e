/* Linked into the hosted programs of differential.test.mjs. The x87 unit
 * rounds to 64-bit mantissas by default, so a product of two u32 values kept
 * in a register is exact where JavaScript's double is rounded, and (a * b) | 0
 * would depend on gcc's register allocation. Precision control set to 53 bits
 * makes every x87 result a correctly rounded double (only the exponent range
 * stays wider, which integer code never reaches). */
__attribute__((constructor)) static void fpu_round_to_double(void) {
  unsigned short control;
  __asm__ volatile("fnstcw %0" : "=m"(control));
  control = (unsigned short)((control & ~0x0300) | 0x0200);
  __asm__ volatile("fldcw %0" : : "m"(control));
}
