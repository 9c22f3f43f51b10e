/* err, errx, warn, warnx and their v* forms (see <err.h>). */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stdio_impl.h"

/* "name: [message][: strerror(error)]\n", buffered so that it leaves as one write. */
static void report(const char* fmt, va_list ap, int with_error)
{
    int error = errno;
    fflush(stdout); /* what the program printed comes first */
    int mode = stderr->mode;
    stderr->mode = _IOFBF;
    fprintf(stderr, "%s: ", getprogname());
    if (fmt) {
        vfprintf(stderr, fmt, ap);
        if (with_error)
            fputs(": ", stderr);
    }
    if (with_error)
        fputs(strerror(error), stderr);
    fputc('\n', stderr);
    stderr->mode = mode;
    fflush(stderr);
    errno = error;
}

void vwarn(const char* fmt, va_list ap)
{
    report(fmt, ap, 1);
}

void vwarnx(const char* fmt, va_list ap)
{
    report(fmt, ap, 0);
}

void verr(int status, const char* fmt, va_list ap)
{
    report(fmt, ap, 1);
    exit(status);
}

void verrx(int status, const char* fmt, va_list ap)
{
    report(fmt, ap, 0);
    exit(status);
}

void warn(const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(fmt, ap, 1);
    va_end(ap);
}

void warnx(const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(fmt, ap, 0);
    va_end(ap);
}

void err(int status, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(fmt, ap, 1);
    va_end(ap);
    exit(status);
}

void errx(int status, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(fmt, ap, 0);
    va_end(ap);
    exit(status);
}
