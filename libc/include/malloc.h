/*
 * <malloc.h>: allocator statistics (glibc's struct mallinfo, with this
 * libc's meaning of the fields; see libc/src/malloc.c for the design).
 */
#ifndef _MALLOC_H
#define _MALLOC_H

#include <stddef.h>

struct mallinfo {
    size_t arena;    /* bytes mapped for small blocks (the size-class chunks) */
    size_t ordblks;  /* small blocks on the free lists */
    size_t smblks;   /* chunks (mappings) holding small blocks */
    size_t hblks;    /* large blocks, each in its own mapping */
    size_t hblkhd;   /* bytes mapped for large blocks */
    size_t usmblks;  /* the most bytes ever mapped at once (arena + hblkhd) */
    size_t fsmblks;  /* unused */
    size_t uordblks; /* bytes handed out and not freed (block sizes, headers included) */
    size_t fordblks; /* bytes on the free lists */
    size_t keepcost; /* unused */
};

struct mallinfo mallinfo(void);
/* The usable bytes of an allocated block (at least what was asked for). */
size_t malloc_usable_size(void* ptr);

#endif
