/* What the porffor-generated C uses of <stdlib.h>; kernel/rt/runtime.c implements it. */
#ifndef TSOS_STDLIB_H
#define TSOS_STDLIB_H
#include <stddef.h>
void *calloc(size_t count, size_t size);
void *realloc(void *ptr, size_t size);
void *malloc(size_t size);
void free(void *ptr);
void exit(int status) __attribute__((noreturn));
#endif
