/*
 * Streams that need memory: fopen, fdopen, freopen, fclose, getline and
 * getdelim (a separate object so that printf alone does not link malloc),
 * and fopen_operand/fclose_operand.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"
#include "thread_impl.h"

static FILE* stream_new(int fd, int flags)
{
    FILE* f = malloc(sizeof(FILE) + BUFSIZ);
    if (!f)
        return NULL;
    f->fd = fd;
    f->flags = flags | F_ALLOCATED;
    int saved = errno;
    f->mode = isatty(fd) ? _IOLBF : _IOFBF;
    errno = saved;
    f->buf = (unsigned char*)(f + 1);
    f->size = BUFSIZ;
    f->rpos = f->rlen = f->wlen = 0;
    f->ungot = EOF;
    __libc_lock(&__stdio_lock);
    f->next = __stdio_streams;
    __stdio_streams = f;
    __libc_unlock(&__stdio_lock);
    return f;
}

/* Open flags for a mode string, or -1 (EINVAL). */
static int parse_mode(const char* mode, int* stream_flags)
{
    int options;
    switch (*mode) {
    case 'r':
        options = O_RDONLY;
        *stream_flags = F_READ;
        break;
    case 'w':
        options = O_WRONLY | O_CREAT | O_TRUNC;
        *stream_flags = F_WRITE;
        break;
    case 'a':
        options = O_WRONLY | O_CREAT | O_APPEND;
        *stream_flags = F_WRITE;
        break;
    default:
        errno = EINVAL;
        return -1;
    }
    for (const char* p = mode + 1; *p; p++) {
        if (*p == '+') {
            options = (options & ~O_ACCMODE) | O_RDWR;
            *stream_flags = F_READ | F_WRITE;
        } else if (*p == 'x') {
            options |= O_EXCL;
        } else if (*p == 'e') {
            options |= O_CLOEXEC;
        } else if (*p != 'b') {
            errno = EINVAL;
            return -1;
        }
    }
    return options;
}

FILE* fopen(const char* path, const char* mode)
{
    int stream_flags;
    int options = parse_mode(mode, &stream_flags);
    if (options < 0)
        return NULL;
    int fd = open(path, options, 0666);
    if (fd < 0)
        return NULL;
    FILE* f = stream_new(fd, stream_flags);
    if (!f) {
        int saved = errno;
        close(fd);
        errno = saved;
    }
    return f;
}

FILE* fdopen(int fd, const char* mode)
{
    int stream_flags;
    if (parse_mode(mode, &stream_flags) < 0)
        return NULL;
    if (fd < 0) {
        errno = EBADF;
        return NULL;
    }
    return stream_new(fd, stream_flags);
}

FILE* freopen(const char* path, const char* mode, FILE* stream)
{
    if (!path) {
        errno = EINVAL; /* changing the mode of the same file is not supported */
        return NULL;
    }
    int stream_flags;
    int options = parse_mode(mode, &stream_flags);
    if (options < 0)
        return NULL;
    fflush(stream);
    close(stream->fd);
    int fd = open(path, options, 0666);
    stream->fd = fd;
    stream->flags = (stream->flags & F_ALLOCATED) | (fd < 0 ? 0 : stream_flags);
    stream->rpos = stream->rlen = stream->wlen = 0;
    stream->ungot = EOF;
    return fd < 0 ? NULL : stream;
}

int fclose(FILE* stream)
{
    int rc = fflush(stream);
    if (close(stream->fd) < 0)
        rc = EOF;
    __libc_lock(&__stdio_lock);
    for (FILE** link = &__stdio_streams; *link; link = &(*link)->next)
        if (*link == stream) {
            *link = stream->next;
            break;
        }
    __libc_unlock(&__stdio_lock);
    if (stream->flags & F_ALLOCATED) {
        free(stream);
    } else {
        stream->fd = -1;
        stream->flags = 0;
    }
    return rc;
}

ssize_t getdelim(char** line, size_t* capacity, int delimiter, FILE* stream)
{
    if (!line || !capacity) {
        errno = EINVAL;
        return -1;
    }
    size_t n = 0;
    for (;;) {
        int c = fgetc(stream);
        if (c == EOF)
            break;
        if (n + 2 > *capacity || !*line) {
            size_t grown_capacity = *capacity < 64 ? 128 : *capacity * 2;
            char* grown = realloc(*line, grown_capacity);
            if (!grown) {
                stream->flags |= F_ERROR;
                return -1;
            }
            *line = grown;
            *capacity = grown_capacity;
        }
        (*line)[n++] = (char)c;
        if (c == delimiter)
            break;
    }
    if (n == 0)
        return -1;
    (*line)[n] = '\0';
    return (ssize_t)n;
}

ssize_t getline(char** line, size_t* capacity, FILE* stream)
{
    return getdelim(line, capacity, '\n', stream);
}


FILE* fopen_operand(const char* path)
{
    if (strcmp(path, "-") == 0) {
        clearerr(stdin); /* a second "-" reads on after an earlier end of file */
        return stdin;
    }
    return fopen(path, "r");
}

int fclose_operand(FILE* stream)
{
    int failed = ferror(stream);
    int saved = errno; /* the error's, if it failed */
    if (stream == stdin) {
        clearerr(stdin);
    } else if (fclose(stream) == EOF && !failed) {
        return EOF;
    }
    errno = saved;
    return failed ? EOF : 0;
}
