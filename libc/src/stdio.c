/*
 * Buffered streams (see <stdio.h> for the buffering rules). A stream's
 * buffer holds either unread input (buf[rpos..rlen)) or unwritten output
 * (buf[0..wlen)), never both: switching direction drops the input (seeking
 * the fd back over it) or writes the output first. fopen.c has the calls
 * that allocate (fopen, fdopen, freopen, fclose, getline).
 *
 * Under threads one lock (recursive) covers every stream: a write runs
 * from __stdio_begin_write to __stdio_end_write with it held, and each
 * public read and positioning call takes it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"
#include "thread_impl.h"

static unsigned char stdin_buffer[BUFSIZ];
static unsigned char stdout_buffer[BUFSIZ];
static unsigned char stderr_buffer[BUFSIZ];

static FILE standard_streams[3] = {
    { 0, F_READ, _IOLBF, stdin_buffer, BUFSIZ, 0, 0, 0, EOF, &standard_streams[1] },
    { 1, F_WRITE, _IOLBF, stdout_buffer, BUFSIZ, 0, 0, 0, EOF, &standard_streams[2] },
    { 2, F_WRITE, _IONBF, stderr_buffer, BUFSIZ, 0, 0, 0, EOF, NULL },
};

FILE* stdin = &standard_streams[0];
FILE* stdout = &standard_streams[1];
FILE* stderr = &standard_streams[2];

FILE* __stdio_streams = &standard_streams[0];

int __stdio_flush_output(FILE* f)
{
    size_t done = 0;
    while (done < f->wlen) {
        ssize_t n = write(f->fd, f->buf + done, f->wlen - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            f->flags |= F_ERROR;
            f->wlen = 0; /* dropped: retrying would fail the same way */
            return EOF;
        }
        done += n;
    }
    f->wlen = 0;
    return 0;
}

/* Drops buffered input, moving the fd back over what was not consumed (when it can seek). */
static void drop_input(FILE* f)
{
    off_t unread = (off_t)(f->rlen - f->rpos) + (f->ungot != EOF);
    if (unread)
        lseek(f->fd, -unread, SEEK_CUR);
    f->rpos = f->rlen = 0;
    f->ungot = EOF;
}

int __stdio_begin_write(FILE* f)
{
    __libc_lock(&__stdio_lock);
    if (!(f->flags & F_WRITE)) {
        f->flags |= F_ERROR;
        errno = EBADF;
        __libc_unlock(&__stdio_lock);
        return EOF;
    }
    if (f->rlen || f->ungot != EOF)
        drop_input(f);
    return 0;
}

size_t __stdio_put(FILE* f, const void* data, size_t n)
{
    const unsigned char* p = data;
    size_t done = 0;
    while (done < n) {
        if (f->wlen == f->size && __stdio_flush_output(f) == EOF)
            break;
        size_t room = f->size - f->wlen;
        size_t k = n - done < room ? n - done : room;
        memcpy(f->buf + f->wlen, p + done, k);
        f->wlen += k;
        done += k;
    }
    return done;
}

int __stdio_end_write(FILE* f, int wrote_newline)
{
    int rc = (f->flags & F_ERROR) ? EOF : 0;
    if (f->mode == _IONBF || (f->mode == _IOLBF && wrote_newline))
        rc = __stdio_flush_output(f);
    __libc_unlock(&__stdio_lock);
    return rc;
}

void __stdio_flush_all(void)
{
    __libc_lock(&__stdio_lock);
    for (FILE* f = __stdio_streams; f; f = f->next)
        if (f->wlen)
            __stdio_flush_output(f);
    __libc_unlock(&__stdio_lock);
}

/* Reads more input; EOF at the end of the file or on an error. */
static int refill(FILE* f)
{
    if (!(f->flags & F_READ)) {
        f->flags |= F_ERROR;
        errno = EBADF;
        return EOF;
    }
    if (f->wlen && __stdio_flush_output(f) == EOF)
        return EOF;
    if (f != stdout && stdout->wlen && stdout->mode != _IOFBF)
        __stdio_flush_output(stdout); /* show a prompt before waiting for input */
    size_t want = f->mode == _IONBF ? 1 : f->size;
    ssize_t n;
    do
        n = read(f->fd, f->buf, want);
    while (n < 0 && errno == EINTR);
    if (n <= 0) {
        f->flags |= n == 0 ? F_EOF : F_ERROR;
        return EOF;
    }
    f->rpos = 0;
    f->rlen = n;
    return 0;
}

static int flush_stream(FILE* stream)
{
    if (!stream) {
        int rc = 0;
        for (FILE* f = __stdio_streams; f; f = f->next)
            if (f->wlen && __stdio_flush_output(f) == EOF)
                rc = EOF;
        return rc;
    }
    if (stream->wlen)
        return __stdio_flush_output(stream);
    if (stream->rlen || stream->ungot != EOF)
        drop_input(stream);
    return 0;
}

int fflush(FILE* stream)
{
    __libc_lock(&__stdio_lock);
    int rc = flush_stream(stream);
    __libc_unlock(&__stdio_lock);
    return rc;
}

int setvbuf(FILE* stream, char* buf, int mode, size_t size)
{
    if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
        errno = EINVAL;
        return EOF;
    }
    fflush(stream);
    if (buf && size) {
        stream->buf = (unsigned char*)buf;
        stream->size = size;
    }
    stream->mode = mode;
    return 0;
}

void setbuf(FILE* stream, char* buf)
{
    setvbuf(stream, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

void setlinebuf(FILE* stream)
{
    setvbuf(stream, NULL, _IOLBF, 0);
}

int fileno(FILE* stream)
{
    return stream->fd;
}

int feof(FILE* stream)
{
    return (stream->flags & F_EOF) != 0;
}

int ferror(FILE* stream)
{
    return (stream->flags & F_ERROR) != 0;
}

void clearerr(FILE* stream)
{
    stream->flags &= ~(F_EOF | F_ERROR);
}

static int seek_stream(FILE* stream, off_t offset, int whence)
{
    if (stream->wlen && __stdio_flush_output(stream) == EOF)
        return -1;
    if (whence == SEEK_CUR)
        offset -= (off_t)(stream->rlen - stream->rpos) + (stream->ungot != EOF);
    stream->rpos = stream->rlen = 0;
    stream->ungot = EOF;
    if (lseek(stream->fd, offset, whence) < 0)
        return -1;
    stream->flags &= ~F_EOF;
    return 0;
}

int fseeko(FILE* stream, off_t offset, int whence)
{
    __libc_lock(&__stdio_lock);
    int rc = seek_stream(stream, offset, whence);
    __libc_unlock(&__stdio_lock);
    return rc;
}

int fseek(FILE* stream, long offset, int whence)
{
    return fseeko(stream, offset, whence);
}

off_t ftello(FILE* stream)
{
    __libc_lock(&__stdio_lock);
    off_t position = lseek(stream->fd, 0, SEEK_CUR);
    if (position >= 0)
        position = position - (off_t)(stream->rlen - stream->rpos) - (stream->ungot != EOF) + (off_t)stream->wlen;
    __libc_unlock(&__stdio_lock);
    return position < 0 ? -1 : position;
}

long ftell(FILE* stream)
{
    off_t position = ftello(stream);
    if (position > 0x7fffffff) {
        errno = EOVERFLOW;
        return -1;
    }
    return (long)position;
}

void rewind(FILE* stream)
{
    fseeko(stream, 0, SEEK_SET);
    clearerr(stream);
}

int fgetpos(FILE* stream, fpos_t* pos)
{
    off_t position = ftello(stream);
    if (position < 0)
        return -1;
    *pos = position;
    return 0;
}

int fsetpos(FILE* stream, const fpos_t* pos)
{
    return fseeko(stream, *pos, SEEK_SET);
}

static int read_char(FILE* stream)
{
    if (stream->ungot != EOF) {
        int c = stream->ungot;
        stream->ungot = EOF;
        return c;
    }
    if (stream->rpos == stream->rlen && refill(stream) == EOF)
        return EOF;
    return stream->buf[stream->rpos++];
}

int fgetc(FILE* stream)
{
    __libc_lock(&__stdio_lock);
    int c = read_char(stream);
    __libc_unlock(&__stdio_lock);
    return c;
}

int getc(FILE* stream)
{
    return fgetc(stream);
}

int getchar(void)
{
    return fgetc(stdin);
}

int ungetc(int c, FILE* stream)
{
    if (c == EOF)
        return EOF;
    __libc_lock(&__stdio_lock);
    int pushed = stream->ungot == EOF;
    if (pushed) {
        stream->ungot = (unsigned char)c;
        stream->flags &= ~F_EOF;
    }
    __libc_unlock(&__stdio_lock);
    return pushed ? (unsigned char)c : EOF;
}

static char* read_line(char* s, int size, FILE* stream)
{
    int n = 0;
    while (n < size - 1) {
        int c = read_char(stream);
        if (c == EOF) {
            if (n == 0 || !feof(stream))
                return NULL; /* nothing read, or a read error (POSIX: NULL) */
            break;
        }
        s[n++] = (char)c;
        if (c == '\n')
            break;
    }
    s[n] = '\0';
    return s;
}

char* fgets(char* s, int size, FILE* stream)
{
    if (size <= 0)
        return NULL;
    __libc_lock(&__stdio_lock);
    char* line = read_line(s, size, stream);
    __libc_unlock(&__stdio_lock);
    return line;
}

/* size * count, or 0 for nothing to do or an overflow (EOVERFLOW): fread's and fwrite's byte count. */
static size_t item_bytes(size_t size, size_t count)
{
    if (size == 0 || count == 0)
        return 0;
    if (size * count / size != count) {
        errno = EOVERFLOW;
        return 0;
    }
    return size * count;
}

static size_t read_bytes(unsigned char* out, size_t total, FILE* stream);

size_t fread(void* ptr, size_t size, size_t count, FILE* stream)
{
    size_t total = item_bytes(size, count);
    if (total == 0)
        return 0;
    __libc_lock(&__stdio_lock);
    size_t done = read_bytes(ptr, total, stream);
    __libc_unlock(&__stdio_lock);
    return done / size;
}

static size_t read_bytes(unsigned char* out, size_t total, FILE* stream)
{
    size_t done = 0;
    if (stream->ungot != EOF) {
        out[done++] = (unsigned char)stream->ungot;
        stream->ungot = EOF;
    }
    while (done < total) {
        if (stream->rpos == stream->rlen) {
            if (stream->wlen && __stdio_flush_output(stream) == EOF)
                break;
            if (total - done >= stream->size && (stream->flags & F_READ)) {
                /* A big read goes straight to the caller's memory. */
                ssize_t n = read(stream->fd, out + done, total - done);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0) {
                    stream->flags |= n == 0 ? F_EOF : F_ERROR;
                    break;
                }
                done += n;
                continue;
            }
            if (refill(stream) == EOF)
                break;
        }
        size_t available = stream->rlen - stream->rpos;
        size_t k = total - done < available ? total - done : available;
        memcpy(out + done, stream->buf + stream->rpos, k);
        stream->rpos += k;
        done += k;
    }
    return done;
}

int fputc(int c, FILE* stream)
{
    unsigned char ch = (unsigned char)c;
    if (__stdio_begin_write(stream) == EOF)
        return EOF;
    int put = __stdio_put(stream, &ch, 1) == 1;
    if (__stdio_end_write(stream, ch == '\n') == EOF || !put)
        return EOF;
    return ch;
}

int putc(int c, FILE* stream)
{
    return fputc(c, stream);
}

int putchar(int c)
{
    return fputc(c, stdout);
}

int fputs(const char* s, FILE* stream)
{
    size_t n = strlen(s);
    if (__stdio_begin_write(stream) == EOF)
        return EOF;
    int put = __stdio_put(stream, s, n) == n;
    if (__stdio_end_write(stream, memchr(s, '\n', n) != NULL) == EOF || !put)
        return EOF;
    return 1;
}

/* The string and its newline leave in one write on a line-buffered stream. */
int puts(const char* s)
{
    size_t n = strlen(s);
    if (__stdio_begin_write(stdout) == EOF)
        return EOF;
    int put = __stdio_put(stdout, s, n) == n && __stdio_put(stdout, "\n", 1) == 1;
    if (__stdio_end_write(stdout, 1) == EOF || !put)
        return EOF;
    return 1;
}

size_t fwrite(const void* ptr, size_t size, size_t count, FILE* stream)
{
    size_t total = item_bytes(size, count);
    if (total == 0)
        return 0;
    if (__stdio_begin_write(stream) == EOF)
        return 0;
    size_t done = __stdio_put(stream, ptr, total);
    if (__stdio_end_write(stream, memchr(ptr, '\n', done) != NULL) == EOF)
        return 0;
    return done / size;
}

void perror(const char* s)
{
    const char* message = strerror(errno);
    if (s && *s)
        fprintf(stderr, "%s: %s\n", s, message);
    else
        fprintf(stderr, "%s\n", message);
}
