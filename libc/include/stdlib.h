/* <stdlib.h> */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>
#include <stdint.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 32767
#define MB_CUR_MAX 1

typedef struct {
    int quot;
    int rem;
} div_t;
typedef struct {
    long quot;
    long rem;
} ldiv_t;
typedef struct {
    long long quot;
    long long rem;
} lldiv_t;

/*
 * Memory (libc/src/malloc.c): size classes carved from 128 KiB anonymous
 * mmaps, freed blocks reused through per-class free lists; blocks of more
 * than 32 KiB (with their 16-byte header) get their own mapping, unmapped by
 * free. 16-byte aligned. malloc(0) returns a unique pointer. Fails with
 * ENOMEM. <malloc.h> has mallinfo().
 */
void* malloc(size_t size);
void free(void* ptr);
void* calloc(size_t count, size_t size);
/* realloc(NULL, n) is malloc(n); realloc(p, 0) frees p and returns NULL. */
void* realloc(void* ptr, size_t size);
void* reallocarray(void* ptr, size_t count, size_t size);
/* alignment: a power of two; blocks that need more than 16 get a large mapping. */
int posix_memalign(void** result, size_t alignment, size_t size);
void* aligned_alloc(size_t alignment, size_t size);

/*
 * exit runs the atexit handlers (last registered first), flushes every
 * stdio stream and calls _exit. At most ATEXIT_MAX (32) handlers.
 */
__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void _Exit(int status);
int atexit(void (*handler)(void));
/*
 * abort: raise(SIGABRT) (kill [5] to our own pid) after unblocking it; if
 * a handler caught it and returned, the handler is reset to SIG_DFL and
 * it is raised again, which ends the process (killed by SIGABRT, core).
 * Streams are not flushed.
 */
__attribute__((noreturn)) void abort(void);

int atoi(const char* s);
long atol(const char* s);
long long atoll(const char* s);
/* ERANGE and the clamped value on overflow; EINVAL for a base outside 0 and 2..36. */
long strtol(const char* s, char** end, int base);
unsigned long strtoul(const char* s, char** end, int base);
long long strtoll(const char* s, char** end, int base);
unsigned long long strtoull(const char* s, char** end, int base);
/*
 * Decimal or hexadecimal ("0x", 'p' exponent) floating point, inf,
 * infinity, nan; ERANGE on overflow (+-HUGE_VAL) or underflow. Within 1
 * ulp, nearly always correctly rounded (libc/src/strtod.c).
 */
double strtod(const char* s, char** end);
float strtof(const char* s, char** end);
long double strtold(const char* s, char** end);
double atof(const char* s);

int abs(int x);
long labs(long x);
long long llabs(long long x);
div_t div(int numerator, int denominator);
ldiv_t ldiv(long numerator, long denominator);
lldiv_t lldiv(long long numerator, long long denominator);

/* In place, not stable (heapsort: O(n log n), no recursion). */
void qsort(void* base, size_t count, size_t size, int (*compare)(const void*, const void*));
void* bsearch(const void* key, const void* base, size_t count, size_t size, int (*compare)(const void*, const void*));

/* A 64-bit LCG; srand(seed) restarts it (the initial seed is 1). */
int rand(void);
void srand(unsigned seed);
int rand_r(unsigned* state);
/* getrandom [110]. */
uint32_t arc4random(void);
void arc4random_buf(void* buffer, size_t size);
uint32_t arc4random_uniform(uint32_t upper_bound);

/*
 * The environment (environ). The first change copies the array into malloc'ed
 * memory; strings set by setenv are malloc'ed and freed when replaced or
 * removed; putenv puts the caller's string itself in the environment.
 */
char* getenv(const char* name);
int setenv(const char* name, const char* value, int overwrite);
int unsetenv(const char* name);
int putenv(char* string);
int clearenv(void);

/*
 * BSD: the program's name, the last component of argv[0] at start-up (""
 * without one); setprogname(name) makes it the last component of name
 * (which is kept, not copied).
 */
const char* getprogname(void);
void setprogname(const char* name);

/* The name of the PTY slave of master fd [63]; ptsname_r returns the error number. */
char* ptsname(int fd);
int ptsname_r(int fd, char* buf, size_t size);
/*
 * A new PTY master: open("/dev/ptmx", flags), flags only O_RDWR, O_NOCTTY
 * and O_CLOEXEC (else EINVAL). grantpt and unlockpt have nothing to do
 * (the slave is owned by the opener and never locked): 0 for a master fd,
 * else -1 with EBADF or EINVAL.
 */
int posix_openpt(int flags);
int grantpt(int fd);
int unlockpt(int fd);

/* buffer NULL: malloc'ed (PATH_MAX); ENAMETOOLONG if the path does not fit. realpath [107]. */
char* realpath(const char* path, char* resolved);
/*
 * The template's last six characters, "XXXXXX", become a new name: a file
 * created O_EXCL with mode 0600 (its fd returned) or a directory of mode
 * 0700 (template returned). EINVAL when the template does not end so.
 */
int mkstemp(char* template);
char* mkdtemp(char* template);

#endif
