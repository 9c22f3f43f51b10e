/*
 * test-libc: the C library itself. String functions, snprintf formats
 * (exact strings), strtol and friends at their edges, qsort/bsearch,
 * getenv over a given environ, ctype, strerror, the generic syscall entry
 * points, and malloc: an mmap probe, 1 MiB allocated in small pieces, freed
 * and allocated again without the heap growing (the same blocks come back),
 * a large block unmapped by free, calloc/realloc, and the functions that
 * allocate (strdup, asprintf, setenv). The malloc cases need the kernel's
 * anonymous mmap [16] and munmap [17]. Last, the ways out: exit runs the
 * atexit handlers in reverse order (seen through a MAP_SHARED page), abort
 * and a failed assert kill the process (SIGABRT through kill [5], or
 * SIGILL from ud2 while the kernel has no kill).
 */
#include "ktest.h"

#include <assert.h>
#include <ctype.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <syscall.h>
#include <unistd.h>

/* Case name, the expected text, the format and its arguments: snprintf must produce exactly that. */
#define EXPECT_FORMAT(name, expected, ...)                                                                        \
    do {                                                                                                          \
        char text_[256];                                                                                          \
        int n_ = snprintf(text_, sizeof(text_), __VA_ARGS__);                                                     \
        kt_check(name, n_ == (int)strlen(expected) && strcmp(text_, expected) == 0, "got %d \"%s\", expected \"%s\"", \
            n_, text_, expected);                                                                                 \
    } while (0)

static void test_strings(void)
{
    const char* s = "hello, world";
    kt_check("strlen", strlen(s) == 12 && strlen("") == 0, "%u", (unsigned)strlen(s));
    kt_check("strnlen", strnlen(s, 5) == 5 && strnlen(s, 100) == 12, "%u", (unsigned)strnlen(s, 5));
    kt_check("strchr", strchr(s, 'o') == s + 4 && strchr(s, 'z') == NULL && strchr(s, '\0') == s + 12, "wrong");
    kt_check("strrchr", strrchr(s, 'o') == s + 8 && strrchr(s, 'z') == NULL && strrchr(s, '\0') == s + 12, "wrong");
    kt_check("strstr", strstr(s, "world") == s + 7 && strstr(s, "") == s && strstr(s, "worlds") == NULL
        && strstr("aaab", "aab") != NULL, "wrong");
    kt_check("strcmp", strcmp("abc", "abc") == 0 && strcmp("abc", "abd") < 0 && strcmp("b", "abc") > 0
        && strcmp("", "a") < 0 && strcmp("\xff", "a") > 0, "ordering");
    kt_check("strncmp", strncmp("abcdef", "abcxyz", 3) == 0 && strncmp("abcdef", "abcxyz", 4) < 0
        && strncmp("a", "b", 0) == 0, "wrong");
    kt_check("strcasecmp", strcasecmp("HeLLo", "hello") == 0 && strncasecmp("ABCd", "abcE", 3) == 0
        && strcasecmp("a", "B") < 0, "wrong");

    char buf[16];
    memset(buf, 'x', sizeof(buf));
    strncpy(buf, "abc", 6);
    kt_check("strncpy-pads-with-nul", memcmp(buf, "abc\0\0\0xx", 8) == 0, "bytes after the copy");
    memset(buf, 'x', sizeof(buf));
    strncpy(buf, "abcdef", 3);
    kt_check("strncpy-no-nul-when-truncated", memcmp(buf, "abcx", 4) == 0, "wrong");
    strcpy(buf, "foo");
    strcat(buf, "bar");
    strncat(buf, "bazqux", 3);
    kt_check("strcat-strncat", strcmp(buf, "foobarbaz") == 0, "\"%s\"", buf);
    kt_check("strlcpy", strlcpy(buf, "hello world", 6) == 11 && strcmp(buf, "hello") == 0, "\"%s\"", buf);

    kt_check("strspn-strcspn", strspn("aabbcxd", "ab") == 4 && strcspn("hello world", " w") == 5
        && strspn("", "a") == 0 && strcspn("abc", "") == 3, "wrong");
    kt_check("strpbrk", strpbrk(s, "wo") == s + 4 && strpbrk(s, "xyz") == NULL, "wrong");

    char tokens[] = "  one,two;;three  four ";
    char* save = NULL;
    const char* expected[] = { "one", "two", "three", "four" };
    int ok = 1, count = 0;
    for (char* t = strtok_r(tokens, " ,;", &save); t; t = strtok_r(NULL, " ,;", &save)) {
        if (count >= 4 || strcmp(t, expected[count]) != 0)
            ok = 0;
        count++;
    }
    kt_check("strtok_r", ok && count == 4, "%d tokens", count);

    kt_check("memchr", memchr(s, 'w', 12) == s + 7 && memchr(s, 'w', 7) == NULL && memchr(s, 'h', 0) == NULL, "wrong");
    char overlap[16] = "abcdefghij";
    memmove(overlap + 2, overlap, 8);
    kt_check("memmove-forward-overlap", memcmp(overlap, "ababcdefgh", 10) == 0, "\"%.10s\"", overlap);
    strcpy(overlap, "abcdefghij");
    memmove(overlap, overlap + 3, 7);
    kt_check("memmove-backward-overlap", memcmp(overlap, "defghijhij", 10) == 0, "\"%.10s\"", overlap);
    unsigned char block[37];
    memset(block, 0xa5, sizeof(block));
    int all = 1;
    for (size_t i = 0; i < sizeof(block); i++)
        all &= block[i] == 0xa5;
    kt_check("memset-odd-size", all, "a byte differs");
    kt_check("memcmp", memcmp("abc", "abd", 3) < 0 && memcmp("abc", "abd", 2) == 0 && memcmp("\x80", "\x01", 1) > 0,
        "wrong");

    kt_check("strerror", strcmp(strerror(ENOENT), "No such file or directory") == 0
        && strcmp(strerror(9999), "Unknown error") == 0 && strcmp(strerror(-1), "Unknown error") == 0, "\"%s\"",
        strerror(ENOENT));
    kt_check("strsignal", strcmp(strsignal(SIGSEGV), "Segmentation violation") == 0, "\"%s\"", strsignal(SIGSEGV));
    kt_check("ctype", isdigit('7') && !isdigit('a') && isalpha('Q') && isspace('\t') && !isspace('x')
        && isxdigit('F') && !isxdigit('g') && toupper('a') == 'A' && tolower('Z') == 'z' && toupper('1') == '1'
        && ispunct('!') && !isprint('\n') && !isalpha(EOF), "wrong");
}

static void test_snprintf(void)
{
    EXPECT_FORMAT("printf-d-width-flags", "42|   42|42   |00042|+42| 42|-42", "%d|%5d|%-5d|%05d|%+d|% d|%i", 42, 42,
        42, 42, 42, 42, -42);
    EXPECT_FORMAT("printf-precision-int", "00042|-00042||0|   007|", "%.5d|%.5d|%.0d|%d|%6.3d|%.0x", 42, -42, 0, 0, 7, 0);
    EXPECT_FORMAT("printf-hex-octal", "ff|FF|0xff|0XFF|377|0377|0|0", "%x|%X|%#x|%#X|%o|%#o|%#x|%#o", 255, 255, 255, 255,
        255, 255, 0, 0);
    EXPECT_FORMAT("printf-unsigned", "4294967295|4294967254", "%u|%u", 4294967295u, (unsigned)-42);
    EXPECT_FORMAT("printf-int-min-max", "-2147483648|2147483647", "%d|%d", INT_MIN, INT_MAX);
    EXPECT_FORMAT("printf-long", "-1|4294967295|ffffffff", "%ld|%lu|%lx", -1L, 4294967295ul, 0xfffffffful);
    EXPECT_FORMAT("printf-long-long", "-9223372036854775808|18446744073709551615|123456789abcdef|-1",
        "%lld|%llu|%llx|%lli", LLONG_MIN, ULLONG_MAX, 0x123456789abcdefULL, -1LL);
    EXPECT_FORMAT("printf-long-long-width", "  -1234567890123|000000ffffffffff", "%16lld|%016llx", -1234567890123LL,
        0xffffffffffULL);
    EXPECT_FORMAT("printf-hh-h", "44|4464|-1|255", "%hhd|%hd|%hhd|%hhu", 300, 70000, 255, -1);
    EXPECT_FORMAT("printf-z-t-j", "4000000000|-5|-7|-1", "%zu|%zd|%td|%jd", (size_t)4000000000u, (ssize_t)-5,
        (ptrdiff_t)-7, (intmax_t)-1);
    EXPECT_FORMAT("printf-p", "0x1234|0xbeef0000|0x0|    0xab", "%p|%p|%p|%8p", (void*)0x1234, (void*)0xbeef0000u,
        (void*)0, (void*)0xab);
    const char* volatile null_string = NULL; /* hidden from gcc's format checks */
    EXPECT_FORMAT("printf-s", "hello|hel|       hel|hello     |(null)", "%s|%.3s|%10.3s|%-10s|%s", "hello", "hello",
        "hello", "hello", null_string);
    EXPECT_FORMAT("printf-c-percent", "a|  b|c  |%|%5", "%c|%3c|%-3c|%%|%%%d", 'a', 'b', 'c', 5);
    EXPECT_FORMAT("printf-star", "    42|42    |00042|  abc", "%*d|%-*d|%.*d|%*.*s", 6, 42, 6, 42, 5, 42, 5, 3, "abcdef");
    EXPECT_FORMAT("printf-star-negative-width", "42    |42", "%*d|%.*d", -6, 42, -3, 42);
    EXPECT_FORMAT("printf-f", "3.141593|2.67|0|1.234568e+05|1.235E-04|100000|1e+06|0.0001|1E-05|  -1.500|2.2     |+7.0|-0003.1416",
        "%f|%.2f|%.0f|%e|%.3E|%g|%g|%g|%G|%8.3f|%-8.1f|%+.1f|%010.4f", 3.14159265358979, 2.675, 0.5, 123456.789,
        0.000123456, 100000.0, 1000000.0, 0.0001, 1e-5, -1.5, 2.25, 7.0, -3.14159);
    EXPECT_FORMAT("printf-f-exact", "0.2|0.3|0.10000000000000001|1e+300|-0.000000|0.000000e+00|5e+09|3.|1.23457e+08",
        "%.1f|%.1f|%.17g|%g|%f|%e|%.0e|%#.0f|%g", 0.25, 0.35, 0.1, 1e300, -0.0, 0.0, 5e9, 3.0, 123456789.0);
    EXPECT_FORMAT("printf-f-inf-nan", "inf|-INF|nan", "%f|%F|%f", __builtin_inf(), -__builtin_inf(), __builtin_nan(""));
    const char* unknown = "%y|%"; /* not a literal: gcc would warn about it */
    EXPECT_FORMAT("printf-unknown-conversion", "%y|%", unknown);

    int written = -1;
    char buf[32];
    snprintf(buf, sizeof(buf), "abc%nxyz", &written);
    kt_check("printf-n", written == 3 && strcmp(buf, "abcxyz") == 0, "%d", written);
    memset(buf, 'x', sizeof(buf));
    int n = snprintf(buf, 5, "%s", "hello world");
    kt_check("snprintf-truncates", n == 11 && strcmp(buf, "hell") == 0 && buf[5] == 'x', "returned %d, \"%s\"", n, buf);
    n = snprintf(NULL, 0, "%d-%s", 12345, "abc");
    kt_check("snprintf-size-0-counts", n == 9, "returned %d", n);
    buf[0] = 'x';
    n = snprintf(buf, 1, "%d", 7);
    kt_check("snprintf-size-1", n == 1 && buf[0] == '\0', "returned %d", n);
    n = sprintf(buf, "%s=%d", "key", 99);
    kt_check("sprintf", n == 6 && strcmp(buf, "key=99") == 0, "\"%s\"", buf);
}

/* Parses with fn-like code: value, end offset and errno (0 when unchanged). */
#define EXPECT_STRTO(name, call, expected, str, end_offset, expected_errno)                                       \
    do {                                                                                                          \
        char* end_ = NULL;                                                                                        \
        errno = 0;                                                                                                \
        long long got_ = (long long)(call);                                                                       \
        int errno_ = errno;                                                                                       \
        kt_check(name, got_ == (long long)(expected) && end_ == (str) + (end_offset) && errno_ == (expected_errno), \
            "value %lld (expected %lld), end +%d (expected +%d), errno %s (expected %s)", got_, (long long)(expected), \
            (int)(end_ - (str)), (int)(end_offset), kt_errname(errno_), kt_errname(expected_errno));               \
    } while (0)

static void test_strtol(void)
{
    const char* s;
    s = "2147483647";
    EXPECT_STRTO("strtol-long-max", strtol(s, &end_, 10), LONG_MAX, s, 10, 0);
    s = "2147483648";
    EXPECT_STRTO("strtol-overflow-erange", strtol(s, &end_, 10), LONG_MAX, s, 10, ERANGE);
    s = "-2147483648";
    EXPECT_STRTO("strtol-long-min", strtol(s, &end_, 10), LONG_MIN, s, 11, 0);
    s = "-2147483649";
    EXPECT_STRTO("strtol-underflow-erange", strtol(s, &end_, 10), LONG_MIN, s, 11, ERANGE);
    s = "99999999999999999999999";
    EXPECT_STRTO("strtol-huge-consumes-all-digits", strtol(s, &end_, 10), LONG_MAX, s, 23, ERANGE);
    s = "  \t-17abc";
    EXPECT_STRTO("strtol-space-sign-stops", strtol(s, &end_, 10), -17, s, 6, 0);
    s = "+42";
    EXPECT_STRTO("strtol-plus", strtol(s, &end_, 10), 42, s, 3, 0);
    s = "";
    EXPECT_STRTO("strtol-empty", strtol(s, &end_, 10), 0, s, 0, 0);
    s = "  -";
    EXPECT_STRTO("strtol-sign-only-no-digits", strtol(s, &end_, 10), 0, s, 0, 0);
    s = "0x1f";
    EXPECT_STRTO("strtol-hex-base-16", strtol(s, &end_, 16), 31, s, 4, 0);
    EXPECT_STRTO("strtol-hex-base-0", strtol(s, &end_, 0), 31, s, 4, 0);
    s = "0xg";
    EXPECT_STRTO("strtol-0x-without-digit", strtol(s, &end_, 16), 0, s, 1, 0);
    s = "010";
    EXPECT_STRTO("strtol-octal-base-0", strtol(s, &end_, 0), 8, s, 3, 0);
    EXPECT_STRTO("strtol-010-base-10", strtol(s, &end_, 10), 10, s, 3, 0);
    s = "089";
    EXPECT_STRTO("strtol-octal-stops-at-8", strtol(s, &end_, 0), 0, s, 1, 0);
    s = "zZ";
    EXPECT_STRTO("strtol-base-36", strtol(s, &end_, 36), 35 * 36 + 35, s, 2, 0);
    s = "101102";
    EXPECT_STRTO("strtol-base-2", strtol(s, &end_, 2), 22, s, 5, 0); /* "10110", stops at the 2 */
    s = "12";
    EXPECT_STRTO("strtol-base-1-einval", strtol(s, &end_, 1), 0, s, 0, EINVAL);
    EXPECT_STRTO("strtol-base-37-einval", strtol(s, &end_, 37), 0, s, 0, EINVAL);
    s = "-1";
    EXPECT_STRTO("strtoul-minus-one", strtoul(s, &end_, 10), ULONG_MAX, s, 2, 0);
    s = "4294967295";
    EXPECT_STRTO("strtoul-max", strtoul(s, &end_, 10), ULONG_MAX, s, 10, 0);
    s = "4294967296";
    EXPECT_STRTO("strtoul-overflow-erange", strtoul(s, &end_, 10), ULONG_MAX, s, 10, ERANGE);
    s = "-4294967296";
    EXPECT_STRTO("strtoul-negative-overflow-erange", strtoul(s, &end_, 10), ULONG_MAX, s, 11, ERANGE);
    s = "9223372036854775807";
    EXPECT_STRTO("strtoll-max", strtoll(s, &end_, 10), LLONG_MAX, s, 19, 0);
    s = "9223372036854775808";
    EXPECT_STRTO("strtoll-overflow-erange", strtoll(s, &end_, 10), LLONG_MAX, s, 19, ERANGE);
    s = "-9223372036854775808";
    EXPECT_STRTO("strtoll-min", strtoll(s, &end_, 10), LLONG_MIN, s, 20, 0);
    s = "-9223372036854775809";
    EXPECT_STRTO("strtoll-underflow-erange", strtoll(s, &end_, 10), LLONG_MIN, s, 20, ERANGE);
    s = "18446744073709551615";
    EXPECT_STRTO("strtoull-max", strtoull(s, &end_, 10), ULLONG_MAX, s, 20, 0);
    s = "18446744073709551616";
    EXPECT_STRTO("strtoull-overflow-erange", strtoull(s, &end_, 10), ULLONG_MAX, s, 20, ERANGE);
    s = "ffffffffffffffff";
    EXPECT_STRTO("strtoull-hex", strtoull(s, &end_, 16), ULLONG_MAX, s, 16, 0);
    kt_check("atoi-atol", atoi("  123xyz") == 123 && atoi("-7") == -7 && atol("2147483647") == LONG_MAX
        && atoll("-9000000000") == -9000000000LL, "wrong");
}

static int compare_ints(const void* a, const void* b)
{
    int x = *(const int*)a, y = *(const int*)b;
    return (x > y) - (x < y);
}

static int compare_strings(const void* a, const void* b)
{
    return strcmp(*(const char* const*)a, *(const char* const*)b);
}

struct triple {
    int key;
    int a, b;
};

static int compare_triples(const void* x, const void* y)
{
    return compare_ints(&((const struct triple*)x)->key, &((const struct triple*)y)->key);
}

static void test_qsort(void)
{
    static int values[1000];
    uint32_t seed = 12345, sum = 0, xor_all = 0;
    for (int i = 0; i < 1000; i++) {
        seed = seed * 1103515245u + 12345u;
        values[i] = (int)(seed >> 8) % 2000 - 1000;
        sum += values[i];
        xor_all ^= values[i];
    }
    qsort(values, 1000, sizeof(int), compare_ints);
    int sorted = 1;
    uint32_t sum_after = 0, xor_after = 0;
    for (int i = 0; i < 1000; i++) {
        if (i && values[i - 1] > values[i])
            sorted = 0;
        sum_after += values[i];
        xor_after ^= values[i];
    }
    kt_check("qsort-ints", sorted && sum == sum_after && xor_all == xor_after, "sorted %d, same elements %d", sorted,
        sum == sum_after && xor_all == xor_after);

    int key = values[500];
    int* found = bsearch(&key, values, 1000, sizeof(int), compare_ints);
    int missing = 5000;
    kt_check("bsearch", found && *found == key && !bsearch(&missing, values, 1000, sizeof(int), compare_ints),
        "found %p", (void*)found);

    const char* words[] = { "pear", "apple", "fig", "banana", "cherry", "apple", "date" };
    qsort(words, 7, sizeof(words[0]), compare_strings);
    kt_check("qsort-strings", !strcmp(words[0], "apple") && !strcmp(words[1], "apple") && !strcmp(words[2], "banana")
        && !strcmp(words[3], "cherry") && !strcmp(words[4], "date") && !strcmp(words[5], "fig")
        && !strcmp(words[6], "pear"), "%s %s %s %s %s %s %s", words[0], words[1], words[2], words[3], words[4],
        words[5], words[6]);

    struct triple triples[50];
    for (int i = 0; i < 50; i++) {
        triples[i].key = (i * 37) % 50;
        triples[i].a = triples[i].key * 2;
        triples[i].b = -triples[i].key;
    }
    qsort(triples, 50, sizeof(triples[0]), compare_triples);
    int ok = 1;
    for (int i = 0; i < 50; i++)
        ok &= triples[i].key == i && triples[i].a == 2 * i && triples[i].b == -i;
    kt_check("qsort-structs", ok, "elements out of order or torn");
    qsort(NULL, 0, sizeof(int), compare_ints);
    kt_check("qsort-empty", 1, "-");
}

static void test_getenv(void)
{
    char** saved = environ;
    char* fake[] = { "FOO=bar", "FOOBAR=baz", "EMPTY=", "PATH=/bin:/usr/bin", NULL };
    environ = fake;
    char* foo = getenv("FOO");
    kt_check("getenv", foo && strcmp(foo, "bar") == 0, "\"%s\"", foo ? foo : "(null)");
    char* foobar = getenv("FOOBAR");
    kt_check("getenv-longer-name", foobar && strcmp(foobar, "baz") == 0, "\"%s\"", foobar ? foobar : "(null)");
    kt_check("getenv-prefix-is-not-a-match", getenv("FO") == NULL && getenv("FOOB") == NULL, "found a prefix");
    char* empty = getenv("EMPTY");
    kt_check("getenv-empty-value", empty && *empty == '\0', "%p", (void*)empty);
    kt_check("getenv-missing", getenv("MISSING") == NULL, "found");
    kt_check("getenv-points-into-environ", getenv("PATH") == fake[3] + 5, "not the environ string");
    environ = NULL;
    kt_check("getenv-null-environ", getenv("FOO") == NULL, "found");
    environ = saved;
}

static void test_syscall_layer(void)
{
    kt_check("syscall-getpid", syscall(SC_getpid) == getpid(), "%ld vs %d", syscall(SC_getpid), getpid());
    long rc = syscall(SC__Count, 1, 2, 3);
    kt_check("syscall-enosys-sets-errno", rc == -1 && errno == ENOSYS, "rc %ld errno %s", rc, kt_errname(errno));
    rc = syscall(SC_uname, 0xc0000000u);
    kt_check("syscall-efault-sets-errno", rc == -1 && errno == EFAULT, "rc %ld errno %s", rc, kt_errname(errno));
    kt_check("raw-entry-getpid", __syscall_getpid(0, 0, 0) == getpid(), "%ld", __syscall_getpid(0, 0, 0));
    kt_check("raw-entry-emuctl", __syscall_emuctl(0, 0, 0) == -ENOSYS, "%ld", __syscall_emuctl(0, 0, 0));
    kt_check("raw-entry-umask", __syscall_umask(022, 0, 0) >= 0 && __syscall_umask(022, 0, 0) == 022, "umask");
    kt_check("syscall-name", syscall_name(SC_open) && !strcmp(syscall_name(SC_open), "open")
        && !strcmp(syscall_name(SC_kill_thread), "kill_thread") && syscall_name(SC__Count) == NULL, "wrong");
    kt_check("fopen-bad-mode-einval", fopen("/x", "q") == NULL && errno == EINVAL, "%s", kt_errname(errno));
    FILE* f = fopen("/nonexistent/file", "r");
    kt_check("fopen-missing-file", f == NULL && (errno == ENOENT || errno == ENOSYS), "%p %s", (void*)f,
        kt_errname(errno));
}

/* --- malloc --- */

#define PIECES 16384 /* 16384 x 64 bytes = 1 MiB */
#define PIECE_SIZE 64
static void* round_one[PIECES];
static void* round_two[PIECES];

static int compare_pointers(const void* a, const void* b)
{
    uintptr_t x = (uintptr_t) * (void* const*)a, y = (uintptr_t) * (void* const*)b;
    return (x > y) - (x < y);
}

/* Allocates PIECES blocks into out; the number that succeeded. */
static int allocate_pieces(void** out, size_t (*size_of)(int))
{
    for (int i = 0; i < PIECES; i++) {
        out[i] = malloc(size_of(i));
        if (!out[i])
            return i;
        memset(out[i], i & 0xff, size_of(i));
    }
    return PIECES;
}

static size_t fixed_size(int i)
{
    (void)i;
    return PIECE_SIZE;
}

/* 1..127 bytes, averaging 64: the same 1 MiB in mixed size classes. */
static size_t mixed_size(int i)
{
    return 1 + (size_t)((i * 37) % 127);
}

static int all_in(void** blocks, void** known)
{
    for (int i = 0; i < PIECES; i++)
        if (!bsearch(&blocks[i], known, PIECES, sizeof(void*), compare_pointers))
            return 0;
    return 1;
}

static void test_reuse(const char* name, size_t (*size_of)(int), int reverse_free)
{
    char case_name[64];
    int n = allocate_pieces(round_one, size_of);
    snprintf(case_name, sizeof(case_name), "malloc-%s-1mib", name);
    if (!kt_check(case_name, n == PIECES, "allocation %d of %d failed: %s", n, PIECES, kt_errname(errno))) {
        for (int i = 0; i < n; i++)
            free(round_one[i]);
        return;
    }
    int intact = 1;
    for (int i = 0; i < PIECES; i++)
        intact &= ((unsigned char*)round_one[i])[size_of(i) - 1] == (i & 0xff);
    snprintf(case_name, sizeof(case_name), "malloc-%s-blocks-disjoint", name);
    kt_check(case_name, intact, "a block was overwritten by another");
    struct mallinfo after_first = mallinfo();
    for (int i = 0; i < PIECES; i++)
        free(round_one[reverse_free ? PIECES - 1 - i : i]);
    n = allocate_pieces(round_two, size_of);
    struct mallinfo after_second = mallinfo();
    snprintf(case_name, sizeof(case_name), "malloc-%s-reuse-no-growth", name);
    kt_check(case_name, n == PIECES && after_second.arena == after_first.arena && after_second.smblks == after_first.smblks,
        "%d allocated; small-block memory %u -> %u bytes, %u -> %u chunks", n, (unsigned)after_first.arena,
        (unsigned)after_second.arena, (unsigned)after_first.smblks, (unsigned)after_second.smblks);
    qsort(round_one, PIECES, sizeof(void*), compare_pointers);
    snprintf(case_name, sizeof(case_name), "malloc-%s-reuse-same-blocks", name);
    kt_check(case_name, n == PIECES && all_in(round_two, round_one), "round 2 got addresses round 1 never had");
    for (int i = 0; i < n; i++)
        free(round_two[i]);
}

static void test_malloc(void)
{
    void* probe = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    int mapped = probe != MAP_FAILED;
    if (mapped) {
        memset(probe, 0x5a, 8192);
        mapped = ((unsigned char*)probe)[8191] == 0x5a && munmap(probe, 8192) == 0;
    }
    kt_check("mmap-anonymous-probe", mapped, "mmap/munmap: %s (malloc needs them)", kt_errname(errno));

    struct mallinfo start = mallinfo();
    char* p = malloc(1);
    char* q = malloc(100);
    kt_check("malloc-small", p && q && p != q && ((uintptr_t)p & 15) == 0 && ((uintptr_t)q & 15) == 0,
        "%p %p (%s)", (void*)p, (void*)q, kt_errname(errno));
    if (q)
        memset(q, 0xff, 100);
    free(q);
    char* z = calloc(1, 100);
    int zero = z != NULL;
    for (int i = 0; z && i < 100; i++)
        zero &= z[i] == 0;
    kt_check("calloc-zeroes-reused-block", zero && z == q, "%p (freed block %p)", (void*)z, (void*)q);
    free(z);
    free(p);
    free(NULL);
    kt_check("calloc-overflow-enomem", calloc(0x10000, 0x10001) == NULL && errno == ENOMEM, "%s", kt_errname(errno));

    test_reuse("64-byte-pieces", fixed_size, 0);
    test_reuse("mixed-pieces", mixed_size, 1);

    struct mallinfo before_large = mallinfo();
    unsigned char* big = malloc(1 << 20);
    int big_ok = big != NULL;
    if (big) {
        memset(big, 0x77, 1 << 20);
        big_ok = big[0] == 0x77 && big[(1 << 20) - 1] == 0x77;
    }
    struct mallinfo with_large = mallinfo();
    kt_check("malloc-large-own-mapping", big_ok && with_large.hblks == before_large.hblks + 1
        && with_large.hblkhd >= before_large.hblkhd + (1 << 20) && with_large.arena == before_large.arena,
        "%p: %u large blocks, %u bytes (%s)", (void*)big, (unsigned)with_large.hblks, (unsigned)with_large.hblkhd,
        kt_errname(errno));
    volatile uintptr_t big_address = (uintptr_t)big; /* kept to touch it after free */
    free(big);
    struct mallinfo after_large = mallinfo();
    kt_check("free-large-unmaps", after_large.hblks == before_large.hblks && after_large.hblkhd == before_large.hblkhd,
        "%u large blocks, %u bytes", (unsigned)after_large.hblks, (unsigned)after_large.hblkhd);
    if (big_address) {
        pid_t pid = fork();
        if (pid == 0) {
            *(volatile unsigned char*)(big_address + 4096) = 1; /* unmapped: SIGSEGV */
            _exit(0);
        }
        int status = 0;
        pid_t got = waitpid(pid, &status, 0);
        kt_check("freed-large-block-faults", got == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
            "child %s", kt_describe_status(status));
    }

    char* r = malloc(10);
    if (r)
        memcpy(r, "0123456789", 10);
    char* grown = realloc(r, 5000);
    kt_check("realloc-grows-keeps-content", grown && memcmp(grown, "0123456789", 10) == 0, "%p", (void*)grown);
    char* same = grown ? realloc(grown, 20) : NULL;
    kt_check("realloc-shrink-in-place", same && same == grown, "%p vs %p", (void*)same, (void*)grown);
    kt_check("realloc-to-zero-frees", realloc(same, 0) == NULL, "not NULL");
    char* fresh = realloc(NULL, 32);
    kt_check("realloc-null-is-malloc", fresh != NULL, "%s", kt_errname(errno));
    free(fresh);

    void* aligned = NULL;
    int rc = posix_memalign(&aligned, 4096, 100);
    kt_check("posix-memalign-4096", rc == 0 && ((uintptr_t)aligned & 4095) == 0, "rc %d, %p", rc, aligned);
    free(aligned);
    kt_check("posix-memalign-einval", posix_memalign(&aligned, 24, 8) == EINVAL, "not EINVAL");

    char* d = strdup("duplicate me");
    kt_check("strdup", d && strcmp(d, "duplicate me") == 0, "%s", d ? d : kt_errname(errno));
    free(d);
    d = strndup("duplicate me", 9);
    kt_check("strndup", d && strcmp(d, "duplicate") == 0, "%s", d ? d : kt_errname(errno));
    free(d);
    char* text = NULL;
    int n = asprintf(&text, "%s-%d-%05.1f", "abc", 42, 2.5);
    kt_check("asprintf", n == 12 && text && strcmp(text, "abc-42-002.5") == 0, "%d \"%s\"", n, text ? text : "");
    free(text);

    struct mallinfo end = mallinfo();
    kt_check("malloc-all-freed", end.uordblks == start.uordblks && end.hblks == start.hblks,
        "bytes in use %u -> %u, large blocks %u -> %u", (unsigned)start.uordblks, (unsigned)end.uordblks,
        (unsigned)start.hblks, (unsigned)end.hblks);

    char** saved = environ;
    char* fake[] = { "KEEP=1", "DROP=2", NULL };
    environ = fake;
    int set_ok = setenv("NEW", "value", 0) == 0 && getenv("NEW") && !strcmp(getenv("NEW"), "value");
    set_ok &= setenv("KEEP", "other", 0) == 0 && !strcmp(getenv("KEEP"), "1");
    set_ok &= setenv("KEEP", "3", 1) == 0 && !strcmp(getenv("KEEP"), "3") && !strcmp(fake[0], "KEEP=1");
    kt_check("setenv", set_ok, "%s", kt_errname(errno));
    kt_check("setenv-einval", setenv("A=B", "x", 1) == -1 && errno == EINVAL && setenv("", "x", 1) == -1, "wrong");
    kt_check("unsetenv", unsetenv("DROP") == 0 && getenv("DROP") == NULL && getenv("KEEP") && getenv("NEW"), "wrong");
    environ = saved;
}

static char* exit_trace; /* a MAP_SHARED page: the child's handlers write here */

static void first_handler(void)
{
    strcat(exit_trace, "1");
}

static void second_handler(void)
{
    strcat(exit_trace, "2");
}

static int killed_by_abort(int status)
{
    return WIFSIGNALED(status) && (WTERMSIG(status) == SIGABRT || WTERMSIG(status) == SIGILL);
}

static void test_exit_paths(void)
{
    exit_trace = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_SHARED, -1, 0);
    if (!kt_check("atexit-shared-page", exit_trace != MAP_FAILED, "mmap MAP_SHARED: %s", kt_errname(errno)))
        return;
    exit_trace[0] = '\0';
    pid_t pid = fork();
    if (pid == 0) {
        atexit(first_handler);
        atexit(second_handler);
        exit(5);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    kt_check("exit-runs-atexit-in-reverse", WIFEXITED(status) && WEXITSTATUS(status) == 5
        && strcmp(exit_trace, "21") == 0, "child %s, handlers ran \"%s\"", kt_describe_status(status), exit_trace);
    munmap(exit_trace, 4096);

    pid = fork();
    if (pid == 0)
        abort();
    waitpid(pid, &status, 0);
    kt_check("abort-kills", killed_by_abort(status), "child %s", kt_describe_status(status));

    pid = fork();
    if (pid == 0) {
        fprintf(stderr, "test-libc: an assertion fails on purpose next:\n");
        assert(pid == 12345);
        _exit(0);
    }
    waitpid(pid, &status, 0);
    kt_check("assert-failure-aborts", killed_by_abort(status), "child %s", kt_describe_status(status));
}

int main(void)
{
    kt_begin("test-libc");
    test_strings();
    test_snprintf();
    test_strtol();
    test_qsort();
    test_getenv();
    test_syscall_layer();
    test_malloc();
    test_exit_paths();
    return kt_finish();
}
