/*
 * <fenv.h>: the floating-point environment of the x87 unit, which does all
 * of user space's floating point (programs are built for i686 without
 * SSE). The exception flags are the status word's, the rounding modes the
 * control word's RC field, and fenv_t is the 28-byte image fnstenv writes
 * (libc/src/fenv.c). The values are the hardware's, as glibc's i386 ones.
 */
#ifndef _FENV_H
#define _FENV_H

#include <stdint.h>

#define FE_INVALID 0x01
#define FE_DIVBYZERO 0x04
#define FE_OVERFLOW 0x08
#define FE_UNDERFLOW 0x10
#define FE_INEXACT 0x20
#define FE_ALL_EXCEPT (FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW | FE_INEXACT)

#define FE_TONEAREST 0x000
#define FE_DOWNWARD 0x400
#define FE_UPWARD 0x800
#define FE_TOWARDZERO 0xc00

typedef uint16_t fexcept_t;

/* The protected-mode 32-bit layout of fnstenv/fldenv. */
typedef struct {
    uint16_t control_word;
    uint16_t reserved1;
    uint16_t status_word;
    uint16_t reserved2;
    uint16_t tag_word;
    uint16_t reserved3;
    uint32_t instruction_offset;
    uint16_t instruction_selector;
    uint16_t opcode;
    uint32_t operand_offset;
    uint16_t operand_selector;
    uint16_t reserved4;
} fenv_t;

_Static_assert(sizeof(fenv_t) == 28, "fenv_t is fnstenv's 28 bytes");

/* The environment a program starts with (finit's): every exception masked, to nearest, extended precision. */
extern const fenv_t __fe_dfl_env;
#define FE_DFL_ENV (&__fe_dfl_env)

int feclearexcept(int excepts);
int fegetexceptflag(fexcept_t* flags, int excepts);
/* Sets the flags; an unmasked exception traps (SIGFPE) at the next floating-point instruction. */
int feraiseexcept(int excepts);
int fesetexceptflag(const fexcept_t* flags, int excepts);
int fetestexcept(int excepts);
int fegetround(void);
/* 0, or nonzero (nothing changed) when round is not one of the four modes. */
int fesetround(int round);
int fegetenv(fenv_t* env);
/* Saves the environment, clears the flags and masks every exception. */
int feholdexcept(fenv_t* env);
int fesetenv(const fenv_t* env);
/* Installs env, then raises the exceptions that were flagged before. */
int feupdateenv(const fenv_t* env);

#endif
