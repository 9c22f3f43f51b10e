/*
 * <assert.h>: assert(e) prints "ASSERTION FAILED: e" with the file, line
 * and function to stderr and calls abort(). Disabled by NDEBUG. No include
 * guard: the header may be included again with NDEBUG changed.
 */
#undef assert

#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef _ASSERT_H_DECLS
#define _ASSERT_H_DECLS
__attribute__((noreturn)) void __assert_fail(const char* expression, const char* file, unsigned line,
    const char* function);
#ifndef __cplusplus
#define static_assert _Static_assert
#endif
#endif
