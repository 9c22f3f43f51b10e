/*
 * <fenv.h> on the x87 unit. The flags and the rounding mode live in the
 * status and control words; changing the status word needs the whole
 * environment (fnstenv, edit, fldenv), as the x87 has no instruction that
 * loads it alone. fnstenv masks every exception after storing, so each
 * reader loads the environment straight back.
 */
#include <fenv.h>

#define CONTROL_EXCEPTION_MASKS 0x3f
#define CONTROL_ROUNDING 0x0c00
#define STATUS_ERROR_SUMMARY 0x0080
#define STATUS_BUSY 0x8000

/* finit's control word 0x037f: all masked, extended precision, to nearest. */
const fenv_t __fe_dfl_env = { .control_word = 0x037f, .tag_word = 0xffff };

static void store_environment(fenv_t* env)
{
    __asm__ volatile("fnstenv %0\n\tfldenv %0" : "=m"(*env));
}

/*
 * Loads env with its error summary (and busy) bit agreeing with its flags:
 * set when a flagged exception is unmasked, so that it traps at the next
 * floating-point instruction, clear otherwise, so that none is left pending.
 */
static void load_environment(fenv_t* env)
{
    if (env->status_word & ~env->control_word & CONTROL_EXCEPTION_MASKS)
        env->status_word |= STATUS_ERROR_SUMMARY | STATUS_BUSY;
    else
        env->status_word &= (uint16_t)~(STATUS_ERROR_SUMMARY | STATUS_BUSY);
    __asm__ volatile("fldenv %0" : : "m"(*env));
}

static uint16_t status_word(void)
{
    uint16_t status;
    __asm__ volatile("fnstsw %0" : "=am"(status));
    return status;
}

/* The status word's flags under excepts replaced by flags. */
static void set_flags(int excepts, int flags)
{
    fenv_t env;
    store_environment(&env);
    excepts &= FE_ALL_EXCEPT;
    env.status_word = (uint16_t)((env.status_word & ~excepts) | (flags & excepts));
    load_environment(&env);
}

int feclearexcept(int excepts)
{
    set_flags(excepts, 0);
    return 0;
}

int fegetexceptflag(fexcept_t* flags, int excepts)
{
    *flags = (fexcept_t)(status_word() & excepts & FE_ALL_EXCEPT);
    return 0;
}

int fesetexceptflag(const fexcept_t* flags, int excepts)
{
    set_flags(excepts, *flags);
    return 0;
}

/* fwait delivers a flagged exception that is unmasked, as the operation that raised it would. */
int feraiseexcept(int excepts)
{
    set_flags(excepts, excepts);
    __asm__ volatile("fwait");
    return 0;
}

int fetestexcept(int excepts)
{
    return status_word() & excepts & FE_ALL_EXCEPT;
}

int fegetround(void)
{
    uint16_t control;
    __asm__ volatile("fnstcw %0" : "=m"(control));
    return control & CONTROL_ROUNDING;
}

int fesetround(int round)
{
    if (round & ~CONTROL_ROUNDING)
        return -1;
    uint16_t control;
    __asm__ volatile("fnstcw %0" : "=m"(control));
    control = (uint16_t)((control & ~CONTROL_ROUNDING) | round);
    __asm__ volatile("fldcw %0" : : "m"(control));
    return 0;
}

int fegetenv(fenv_t* env)
{
    store_environment(env);
    return 0;
}

int feholdexcept(fenv_t* env)
{
    store_environment(env);
    fenv_t held = *env;
    held.control_word |= CONTROL_EXCEPTION_MASKS;
    held.status_word &= (uint16_t)~FE_ALL_EXCEPT;
    load_environment(&held);
    return 0;
}

/* Only the control and status words are taken from env: the rest describes the last instruction. */
int fesetenv(const fenv_t* env)
{
    fenv_t current;
    store_environment(&current);
    current.control_word = env->control_word;
    current.status_word = env->status_word;
    load_environment(&current);
    return 0;
}

int feupdateenv(const fenv_t* env)
{
    int raised = fetestexcept(FE_ALL_EXCEPT);
    fesetenv(env);
    return feraiseexcept(raised);
}
