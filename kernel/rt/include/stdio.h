#ifndef TSOS_STDIO_H
#define TSOS_STDIO_H
#include <stddef.h>
int putchar(int c);
int printf(const char *format, ...);
#endif
