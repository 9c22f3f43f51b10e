/*
 * <stdio.h>: buffered streams over the fds, and the printf family.
 *
 * stdin, stdout and stderr are fds 0, 1 and 2. stdout is line-buffered:
 * output collects in a BUFSIZ buffer that is written when a call that wrote
 * a '\n' returns, when it fills, on fflush, and at exit(); so a printf of
 * a whole line is one write() (lines of different processes do not mix
 * mid-line), but a partial line waits. stderr is unbuffered: each call is
 * written before it returns (still as a single write() when it fits
 * BUFSIZ). Before a stream reads from its fd, stdout is flushed.
 * _exit() and a crash lose what is still buffered.
 *
 * printf conversions: d i u o x X p s c n % and f F e E g G (doubles,
 * computed in double precision: about 15 significant digits are exact);
 * flags - + space # 0; width and precision (also *); lengths hh h l ll j z
 * t L. dprintf/vdprintf bypass the streams (a 512-byte stack buffer, written
 * at the end of the call).
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>
#include <bits/seek.h>

#define EOF (-1)
#define BUFSIZ 1024
#define FOPEN_MAX 64
#define FILENAME_MAX 1024

#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2

typedef struct __FILE FILE;
typedef off_t fpos_t;

extern FILE* stdin;
extern FILE* stdout;
extern FILE* stderr;

/* modes: r w a, with + (read and write), b (ignored), x (O_EXCL), e (O_CLOEXEC). */
FILE* fopen(const char* path, const char* mode);
FILE* fdopen(int fd, const char* mode);
/* "/bin/sh -c command" with its stdout ("r") or stdin ("w") piped to the stream; "re"/"we": close-on-exec. */
FILE* popen(const char* command, const char* mode);
/* The command's wait status, or -1 (ECHILD for a stream popen did not open). */
int pclose(FILE* stream);
/* An unlinked file in /tmp opened "w+". */
FILE* tmpfile(void);
FILE* freopen(const char* path, const char* mode, FILE* stream);
int fclose(FILE* stream);
/*
 * TSOS extensions, for the file operands of utilities: fopen_operand is
 * fopen(path, "r"), except that "-" is stdin; fclose_operand closes such a
 * stream (stdin stays open) and returns EOF, with the errno of the
 * failure, when reading it failed (ferror) or closing it does.
 */
FILE* fopen_operand(const char* path);
int fclose_operand(FILE* stream);
/* NULL flushes every stream. */
int fflush(FILE* stream);
int setvbuf(FILE* stream, char* buf, int mode, size_t size);
void setbuf(FILE* stream, char* buf);
void setlinebuf(FILE* stream);
int fileno(FILE* stream);
int feof(FILE* stream);
int ferror(FILE* stream);
void clearerr(FILE* stream);
int fseek(FILE* stream, long offset, int whence);
int fseeko(FILE* stream, off_t offset, int whence);
long ftell(FILE* stream);
off_t ftello(FILE* stream);
void rewind(FILE* stream);
int fgetpos(FILE* stream, fpos_t* pos);
int fsetpos(FILE* stream, const fpos_t* pos);

int fgetc(FILE* stream);
int getc(FILE* stream);
int getchar(void);
int ungetc(int c, FILE* stream);
char* fgets(char* s, int size, FILE* stream);
size_t fread(void* ptr, size_t size, size_t count, FILE* stream);
/* *line is malloc'ed/realloc'ed as needed; returns the length or -1 (EOF or error). */
ssize_t getline(char** line, size_t* capacity, FILE* stream);
ssize_t getdelim(char** line, size_t* capacity, int delimiter, FILE* stream);

int fputc(int c, FILE* stream);
int putc(int c, FILE* stream);
int putchar(int c);
int fputs(const char* s, FILE* stream);
int puts(const char* s);
size_t fwrite(const void* ptr, size_t size, size_t count, FILE* stream);
/* "s: <strerror(errno)>\n" on stderr (just the message when s is NULL or empty). */
void perror(const char* s);

int printf(const char* format, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char* format, va_list ap);
int fprintf(FILE* stream, const char* format, ...) __attribute__((format(printf, 2, 3)));
int vfprintf(FILE* stream, const char* format, va_list ap);
int dprintf(int fd, const char* format, ...) __attribute__((format(printf, 2, 3)));
int vdprintf(int fd, const char* format, va_list ap);
int sprintf(char* buf, const char* format, ...) __attribute__((format(printf, 2, 3)));
int vsprintf(char* buf, const char* format, va_list ap);
int snprintf(char* buf, size_t size, const char* format, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char* buf, size_t size, const char* format, va_list ap);

/*
 * The scanf family (libc/src/scanf.c): d i u o x X p f e g E G a s c [...]
 * n %, '*', widths, hh h l ll j z t L. The count of assigned conversions,
 * or EOF when the input ends before the first conversion.
 */
int scanf(const char* format, ...) __attribute__((format(scanf, 1, 2)));
int fscanf(FILE* stream, const char* format, ...) __attribute__((format(scanf, 2, 3)));
int sscanf(const char* str, const char* format, ...) __attribute__((format(scanf, 2, 3)));
int vscanf(const char* format, va_list ap);
int vfscanf(FILE* stream, const char* format, va_list ap);
int vsscanf(const char* str, const char* format, va_list ap);
/* *strp is malloc'ed; -1 (and *strp undefined) when malloc fails. */
int asprintf(char** strp, const char* format, ...) __attribute__((format(printf, 2, 3)));
int vasprintf(char** strp, const char* format, va_list ap);

int remove(const char* path);
int rename(const char* old_path, const char* new_path);
/* A relative path is taken against its dirfd (or the cwd for AT_FDCWD). */
int renameat(int old_dirfd, const char* old_path, int new_dirfd, const char* new_path);

#endif
