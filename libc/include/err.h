/*
 * <err.h>: the BSD error reporters. Each writes to stderr the program's name
 * (getprogname()), ": ", the formatted message (if fmt is not NULL), and for
 * err/warn/verr/vwarn ": strerror(errno)" (the errno on entry), then a
 * newline, as one write. err* then exit(status).
 */
#ifndef _ERR_H
#define _ERR_H

#include <stdarg.h>

__attribute__((noreturn, format(printf, 2, 3))) void err(int status, const char* fmt, ...);
__attribute__((noreturn, format(printf, 2, 3))) void errx(int status, const char* fmt, ...);
__attribute__((format(printf, 1, 2))) void warn(const char* fmt, ...);
__attribute__((format(printf, 1, 2))) void warnx(const char* fmt, ...);
__attribute__((noreturn)) void verr(int status, const char* fmt, va_list ap);
__attribute__((noreturn)) void verrx(int status, const char* fmt, va_list ap);
void vwarn(const char* fmt, va_list ap);
void vwarnx(const char* fmt, va_list ap);

#endif
