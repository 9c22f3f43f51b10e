/*
 * test-libc3: the float functions of <math.h> (the exact ones on exact
 * values and halfway cases, the others against the correctly rounded float
 * result to within 1 ulp); <fenv.h> on the x87: each exception flag raised
 * by an operation that raises it, tested and cleared, the four rounding
 * modes seen in a division and in rint, the environment saved and
 * restored, an unmasked exception trapping; and utimes.
 *
 * Files live in /tmp/test-libc3.<pid>, removed at the end.
 */
#include "ktest-fs.h"

#include <fenv.h>
#include <math.h>
#include <stdlib.h>
#include <sys/time.h>
#include <sys/wait.h>

/* 1 if a is within ulps units in the last place of float of b. */
static int close_to_float(float a, float b, int ulps)
{
    int exponent;
    frexpf(b, &exponent); /* an ulp of b is 2^(exponent - 24) */
    return a == b || fabs((double)a - b) <= ulps * ldexp(1, exponent - 24);
}

static void test_float_exact(void)
{
    kt_check("fabsf-floorf-ceilf", fabsf(-2.5f) == 2.5f && floorf(-2.5f) == -3 && ceilf(-2.5f) == -2
        && floorf(3e38f) == 3e38f && signbit(ceilf(-0.5f)) && ceilf(1e-40f) == 1, "wrong");
    kt_check("roundf-truncf-rintf", roundf(2.5f) == 3 && roundf(-2.5f) == -3 && roundf(0x1.fffffep-2f) == 0
        && truncf(-2.7f) == -2 && rintf(2.5f) == 2 && nearbyintf(3.5f) == 4 && lroundf(-3.5f) == -4, "%.9g",
        roundf(0x1.fffffep-2f));
    kt_check("fmodf", fmodf(5.5f, 2) == 1.5f && fmodf(-5.5f, 2) == -1.5f && fmodf(0x1p100f, 3) == 1
        && isnan(fmodf(1, 0)) && fmodf(3, INFINITY) == 3, "fmodf(2^100, 3) %.9g", fmodf(0x1p100f, 3));
    kt_check("sqrtf", sqrtf(2) == 0x1.6a09e6p+0f && sqrtf(3) == 0x1.bb67aep+0f && sqrtf(0x1p-148f) == 0x1p-74f
        && isnan(sqrtf(-1)) && signbit(sqrtf(-0.0f)), "%a", sqrtf(2));
    int e;
    float whole;
    float part = modff(-3.75f, &whole);
    kt_check("frexpf-ldexpf-modff", frexpf(48, &e) == 0.75f && e == 6 && ldexpf(0.75f, 6) == 48
        && ldexpf(1, 128) == INFINITY && scalbnf(1, -149) == 0x1p-149f && part == -0.75f && whole == -3, "e %d", e);
    kt_check("copysignf-fminf-fmaxf", copysignf(2, -0.0f) == -2 && fminf(NAN, 1) == 1 && fmaxf(-1, 2) == 2
        && hypotf(3, 4) == 5 && cbrtf(-27) == -3, "wrong");
}

static void test_float_functions(void)
{
    kt_check("expf-logf", expf(1) == 0x1.5bf0a8p+1f && logf(expf(1)) == 0x1.fffffep-1f && log10f(1000) == 3 && log2f(1024) == 10
        && exp2f(10) == 1024 && expf(100) == INFINITY && logf(0) == -INFINITY
        && close_to_float(log1pf(1e-5f), 0x1.4f8aeap-17f, 1) && close_to_float(expm1f(1e-5f), 0x1.4f8bc6p-17f, 1),
        "expf(1) %.9g logf %.9g log10f %.9g log2f %.9g exp2f %.9g log1pf %.9g expm1f %.9g", expf(1), logf(expf(1)),
        log10f(1000), log2f(1024), exp2f(10), log1pf(1e-5f), expm1f(1e-5f));
    kt_check("powf", powf(2, 10) == 1024 && powf(2, 0.5f) == 0x1.6a09e6p+0f && powf(-2, 3) == -8
        && powf(2, -149) == 0x1p-149f && powf(10, 39) == INFINITY && isnan(powf(-8, 1.0f / 3)), "%a", powf(2, 0.5f));
    kt_check("trigf", sinf(0) == 0 && cosf(0) == 1 && close_to_float(sinf((float)M_PI / 6), 0.5f, 1)
        && close_to_float(tanf((float)M_PI_4), 1, 1) && close_to_float(atan2f(1, -1), 0x1.2d97c8p+1f, 1)
        && close_to_float(asinf(1), (float)M_PI_2, 1) && close_to_float(acosf(-1), (float)M_PI, 1)
        && close_to_float(atanf(1), (float)M_PI_4, 1) && isnan(sinf(INFINITY)), "sinf(pi/6) %a", sinf((float)M_PI / 6));
    kt_check("hyperbolicf", close_to_float(sinhf(1), 0x1.2cd9fcp+0f, 1) && coshf(0) == 1
        && close_to_float(tanhf(0.5f), 0x1.d9353ep-2f, 1) && close_to_float(asinhf(1), 0x1.c34366p-1f, 1)
        && acoshf(1) == 0 && atanhf(0) == 0, "sinhf(1) %a", sinhf(1));
}

/* volatile, so that each operation happens at run time, where it sets the flags. */
static volatile double zero = 0, one = 1, three = 3, big = 1e308, tiny = 1e-308;
static volatile double sink;

static void test_exception_flags(void)
{
    feclearexcept(FE_ALL_EXCEPT);
    int clear = fetestexcept(FE_ALL_EXCEPT);
    sink = one / zero;
    int divbyzero = fetestexcept(FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    sink = zero / zero;
    int invalid = fetestexcept(FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    sink = one / three;
    int inexact = fetestexcept(FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    sink = big * 10; /* the product fits extended precision; the store to double overflows */
    int overflow = fetestexcept(FE_OVERFLOW | FE_INVALID);
    feclearexcept(FE_ALL_EXCEPT);
    sink = tiny / 1e10;
    int underflow = fetestexcept(FE_UNDERFLOW);
    kt_check("operations-raise-flags", clear == 0 && divbyzero == FE_DIVBYZERO && invalid == FE_INVALID
        && inexact == FE_INEXACT && overflow == FE_OVERFLOW && underflow == FE_UNDERFLOW,
        "clear %#x divbyzero %#x invalid %#x inexact %#x overflow %#x underflow %#x", clear, divbyzero, invalid, inexact,
        overflow, underflow);
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_UNDERFLOW | FE_INVALID);
    int raised = fetestexcept(FE_ALL_EXCEPT);
    feclearexcept(FE_INVALID);
    int left = fetestexcept(FE_ALL_EXCEPT);
    fexcept_t saved;
    fegetexceptflag(&saved, FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    fesetexceptflag(&saved, FE_UNDERFLOW);
    int restored = fetestexcept(FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    kt_check("raise-clear-save-flags", raised == (FE_UNDERFLOW | FE_INVALID) && left == FE_UNDERFLOW
        && restored == FE_UNDERFLOW, "raised %#x left %#x restored %#x", raised, left, restored);
}

/* one / three stored to float in the current rounding mode. */
static float third(void)
{
    volatile float f = (float)(one / three);
    return f;
}

static void test_rounding_modes(void)
{
    int initial = fegetround();
    float nearest = third();
    fesetround(FE_UPWARD);
    float up = third();
    double rint_up = rint(2.1);
    fesetround(FE_DOWNWARD);
    float down = third();
    float rintf_down = rintf(2.9f);
    fesetround(FE_TOWARDZERO);
    float toward_zero = third();
    double rint_zero = rint(-2.9);
    int mode = fegetround();
    int refused = fesetround(0x1234);
    int kept = fegetround();
    fesetround(FE_TONEAREST);
    kt_check("rounding-modes", initial == FE_TONEAREST && nearest == 0x1.555556p-2f && up == 0x1.555556p-2f
        && down == 0x1.555554p-2f && toward_zero == down && mode == FE_TOWARDZERO && refused != 0 && kept == FE_TOWARDZERO,
        "initial %#x nearest %a up %a down %a zero %a", initial, nearest, up, down, toward_zero);
    feclearexcept(FE_ALL_EXCEPT);
    nearbyint(2.5);
    int quiet = fetestexcept(FE_INEXACT);
    rint(2.5);
    int loud = fetestexcept(FE_INEXACT);
    kt_check("nearbyint-not-inexact", quiet == 0 && loud == FE_INEXACT, "nearbyint %#x rint %#x", quiet, loud);
    kt_check("rint-follows-mode", rint_up == 3 && rintf_down == 2 && rint_zero == -2 && rint(2.5) == 2,
        "up %g down %g zero %g", rint_up, (double)rintf_down, rint_zero);
}

static void test_environment(void)
{
    feclearexcept(FE_ALL_EXCEPT);
    fesetround(FE_UPWARD);
    feraiseexcept(FE_DIVBYZERO);
    fenv_t saved;
    fegetenv(&saved);
    fesetenv(FE_DFL_ENV);
    int default_round = fegetround(), default_flags = fetestexcept(FE_ALL_EXCEPT);
    fesetenv(&saved);
    int round = fegetround(), flags = fetestexcept(FE_ALL_EXCEPT);
    kt_check("getenv-setenv", default_round == FE_TONEAREST && default_flags == 0 && round == FE_UPWARD
        && flags == FE_DIVBYZERO, "default %#x/%#x restored %#x/%#x", default_round, default_flags, round, flags);
    fenv_t held;
    feholdexcept(&held);
    int held_flags = fetestexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_INEXACT);
    feupdateenv(&held);
    int merged = fetestexcept(FE_ALL_EXCEPT), merged_round = fegetround();
    kt_check("holdexcept-updateenv", held_flags == 0 && merged == (FE_DIVBYZERO | FE_INEXACT) && merged_round == FE_UPWARD,
        "held %#x merged %#x round %#x", held_flags, merged, merged_round);
    fesetenv(FE_DFL_ENV);
}

/* Unmasks division by zero, then raises it: the x87 error trap (#MF) ends the child with SIGFPE. */
static int raise_unmasked(void* unused)
{
    (void)unused;
    fenv_t env;
    fegetenv(&env);
    env.control_word &= (uint16_t)~FE_DIVBYZERO;
    fesetenv(&env);
    feraiseexcept(FE_DIVBYZERO);
    return 0;
}

static void test_unmasked_trap(void)
{
    int status = kt_run_in_child(raise_unmasked, NULL);
    kt_check("unmasked-exception-traps", status == -1 && WIFSIGNALED(kt_child_status) && WTERMSIG(kt_child_status) == SIGFPE, "%s",
        status >= 0 ? "exited" : kt_describe_status(kt_child_status));
}

static void test_utimes(void)
{
    const char* path = kt_path("times");
    kt_write_file(path, "x", 1, 0644);
    struct timeval times[2] = { { 1000, 0 }, { 2000, 999999 } };
    int rc = utimes(path, times);
    struct stat st;
    stat(path, &st);
    kt_check("utimes-sets", rc == 0 && st.st_atime == 1000 && st.st_mtime == 2000, "rc %d atime %ld mtime %ld", rc,
        (long)st.st_atime, (long)st.st_mtime);
    time_t before = time(NULL);
    rc = utimes(path, NULL);
    stat(path, &st);
    kt_check("utimes-now", rc == 0 && st.st_mtime >= before && st.st_mtime <= time(NULL), "rc %d mtime %ld", rc,
        (long)st.st_mtime);
    times[1].tv_usec = 1000000;
    kt_expect_errno("utimes-bad-usec", utimes(path, times), EINVAL);
    kt_expect_errno("utimes-missing", utimes(kt_path("missing"), NULL), ENOENT);
}

int main(void)
{
    if (kt_fs_begin("test-libc3") < 0)
        return kt_finish();
    test_float_exact();
    test_float_functions();
    test_exception_flags();
    test_rounding_modes();
    test_environment();
    test_unmasked_trap();
    test_utimes();
    return kt_fs_finish();
}
