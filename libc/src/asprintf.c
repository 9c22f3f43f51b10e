/* asprintf/vasprintf: measure with vsnprintf, then format into a malloc'ed buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int vasprintf(char** strp, const char* fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char* buf = n < 0 ? NULL : malloc((size_t)n + 1);
    if (buf)
        vsnprintf(buf, (size_t)n + 1, fmt, again);
    va_end(again);
    if (!buf)
        return -1;
    *strp = buf;
    return n;
}

int asprintf(char** strp, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(strp, fmt, ap);
    va_end(ap);
    return n;
}
