/* assert's failure path (see <assert.h>). */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((noreturn)) void __assert_fail(const char* expression, const char* file, unsigned line,
    const char* function)
{
    fflush(stdout);
    fprintf(stderr, "ASSERTION FAILED: %s\n%s:%u in %s\n", expression, file, line, function);
    abort();
}
