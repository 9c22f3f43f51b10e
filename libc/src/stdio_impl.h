/* The FILE structure and the helpers shared by stdio.c, fopen.c and printf.c (private to libc). */
#ifndef _LIBC_STDIO_IMPL_H
#define _LIBC_STDIO_IMPL_H

#include <stdio.h>

#define F_READ 0x1
#define F_WRITE 0x2
#define F_EOF 0x4
#define F_ERROR 0x8
#define F_ALLOCATED 0x10 /* the FILE (and its buffer) came from malloc */

struct __FILE {
    int fd;
    int flags;
    int mode; /* _IOFBF, _IOLBF or _IONBF */
    unsigned char* buf;
    size_t size;
    size_t rpos, rlen;
    size_t wlen;
    int ungot; /* ungetc's character, or EOF */
    FILE* next;
};

/* Every open stream, for fflush(NULL) and exit. */
extern FILE* __stdio_streams;

/* Checks that f can be written (switching it from reading); EOF if not. */
int __stdio_begin_write(FILE* f);
/* Appends n bytes to a stream (writing the buffer out when it fills); the count accepted. */
size_t __stdio_put(FILE* f, const void* data, size_t n);
/* Applies the stream's buffering rule at the end of a call. */
int __stdio_end_write(FILE* f, int wrote_newline);
/* Writes out f's pending output; EOF on an error. */
int __stdio_flush_output(FILE* f);
void __stdio_flush_all(void);

#endif
