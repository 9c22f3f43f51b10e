/*
 * <stdio.h> (the minimal part): unbuffered formatted output over write(2).
 * printf formats into a 512-byte stack buffer and writes it with as few
 * write() calls as fit (one for any line shorter than that), so lines from
 * different processes do not interleave mid-line.
 * Conversions: %d %i %u %x %X %o %s %c %p %%, flags '-' '0', a width (also
 * '*'), a precision for %s, and the length modifiers l/z (no-ops on i686).
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

int printf(const char* format, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char* format, va_list ap);
int dprintf(int fd, const char* format, ...) __attribute__((format(printf, 2, 3)));
int vdprintf(int fd, const char* format, va_list ap);
int snprintf(char* buf, size_t size, const char* format, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char* buf, size_t size, const char* format, va_list ap);
int putchar(int c);
int puts(const char* s);

#endif
