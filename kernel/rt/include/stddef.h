#ifndef TSOS_STDDEF_H
#define TSOS_STDDEF_H
typedef unsigned int size_t;
typedef int ptrdiff_t;
#define NULL ((void *)0)
#endif
