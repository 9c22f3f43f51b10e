/*
 * String and memory functions. memcpy/memmove/memset use the string
 * instructions; the rest are plain loops. Built with
 * -fno-tree-loop-distribute-patterns so gcc does not turn these loops
 * back into calls to themselves.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

void* memcpy(void* dest, const void* src, size_t n)
{
    void* d = dest;
    size_t words = n / 4;
    size_t bytes = n % 4;
    __asm__ volatile("rep movsl" : "+D"(d), "+S"(src), "+c"(words) : : "memory");
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(bytes) : : "memory");
    return dest;
}

void* memmove(void* dest, const void* src, size_t n)
{
    unsigned char* d = dest;
    const unsigned char* s = src;
    if (d == s || n == 0)
        return dest;
    if (d < s || d >= s + n)
        return memcpy(dest, src, n);
    /* Overlap with dest above src: copy backwards (a loop: no std, so a signal never sees DF set). */
    d += n;
    s += n;
    while (n--)
        *--d = *--s;
    return dest;
}

void* memset(void* dest, int c, size_t n)
{
    void* d = dest;
    uint32_t pattern = (unsigned char)c * 0x01010101u;
    size_t words = n / 4;
    size_t bytes = n % 4;
    __asm__ volatile("rep stosl" : "+D"(d), "+c"(words) : "a"(pattern) : "memory");
    __asm__ volatile("rep stosb" : "+D"(d), "+c"(bytes) : "a"(pattern) : "memory");
    return dest;
}

void explicit_bzero(void* s, size_t n)
{
    memset(s, 0, n);
    __asm__ volatile("" : : "r"(s) : "memory");
}

void bzero(void* s, size_t n)
{
    memset(s, 0, n);
}

void bcopy(const void* src, void* dest, size_t n)
{
    memmove(dest, src, n);
}

int memcmp(const void* a, const void* b, size_t n)
{
    const unsigned char* x = a;
    const unsigned char* y = b;
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

void* memchr(const void* s, int c, size_t n)
{
    const unsigned char* p = s;
    for (; n; n--, p++)
        if (*p == (unsigned char)c)
            return (void*)p;
    return NULL;
}

void* memrchr(const void* s, int c, size_t n)
{
    const unsigned char* p = (const unsigned char*)s + n;
    while (n--)
        if (*--p == (unsigned char)c)
            return (void*)p;
    return NULL;
}

void* memmem(const void* haystack, size_t haystack_length, const void* needle, size_t needle_length)
{
    if (needle_length == 0)
        return (void*)haystack;
    const unsigned char* h = haystack;
    for (size_t i = 0; i + needle_length <= haystack_length; i++)
        if (h[i] == *(const unsigned char*)needle && memcmp(h + i, needle, needle_length) == 0)
            return (void*)(h + i);
    return NULL;
}

void* memccpy(void* dest, const void* src, int c, size_t n)
{
    unsigned char* d = dest;
    const unsigned char* s = src;
    for (size_t i = 0; i < n; i++) {
        d[i] = s[i];
        if (s[i] == (unsigned char)c)
            return d + i + 1;
    }
    return NULL;
}

void* mempcpy(void* dest, const void* src, size_t n)
{
    return (char*)memcpy(dest, src, n) + n;
}

size_t strlen(const char* s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

size_t strnlen(const char* s, size_t maxlen)
{
    size_t n = 0;
    while (n < maxlen && s[n])
        n++;
    return n;
}

int strcmp(const char* a, const char* b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char* a, const char* b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (unsigned char)*a - (unsigned char)*b;
        if (!*a)
            return 0;
    }
    return 0;
}

int strcoll(const char* a, const char* b)
{
    return strcmp(a, b);
}

size_t strxfrm(char* dest, const char* src, size_t n)
{
    size_t length = strlen(src);
    if (length < n)
        memcpy(dest, src, length + 1);
    return length;
}

int strcasecmp(const char* a, const char* b)
{
    for (;; a++, b++) {
        int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
        if (x != y || !x)
            return x - y;
    }
}

int strncasecmp(const char* a, const char* b, size_t n)
{
    for (; n; n--, a++, b++) {
        int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
        if (x != y || !x)
            return x - y;
    }
    return 0;
}

char* strcpy(char* dest, const char* src)
{
    char* d = dest;
    while ((*d++ = *src++))
        ;
    return dest;
}

char* stpcpy(char* dest, const char* src)
{
    while ((*dest = *src++))
        dest++;
    return dest;
}

char* strncpy(char* dest, const char* src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i]; i++)
        dest[i] = src[i];
    for (; i < n; i++)
        dest[i] = '\0';
    return dest;
}

char* stpncpy(char* dest, const char* src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i]; i++)
        dest[i] = src[i];
    char* end = dest + i;
    for (; i < n; i++)
        dest[i] = '\0';
    return end;
}

size_t strlcpy(char* dest, const char* src, size_t size)
{
    size_t length = strlen(src);
    if (size) {
        size_t n = length < size - 1 ? length : size - 1;
        memcpy(dest, src, n);
        dest[n] = '\0';
    }
    return length;
}

size_t strlcat(char* dest, const char* src, size_t size)
{
    size_t used = strnlen(dest, size);
    if (used == size)
        return size + strlen(src);
    return used + strlcpy(dest + used, src, size - used);
}

char* strcat(char* dest, const char* src)
{
    strcpy(dest + strlen(dest), src);
    return dest;
}

char* strncat(char* dest, const char* src, size_t n)
{
    char* d = dest + strlen(dest);
    size_t i = 0;
    for (; i < n && src[i]; i++)
        d[i] = src[i];
    d[i] = '\0';
    return dest;
}

char* strchr(const char* s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char*)s;
        if (!*s)
            return NULL;
    }
}

char* strchrnul(const char* s, int c)
{
    while (*s && *s != (char)c)
        s++;
    return (char*)s;
}

char* strrchr(const char* s, int c)
{
    const char* last = NULL;
    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (!*s)
            return (char*)last;
    }
}

char* strstr(const char* haystack, const char* needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return (char*)haystack;
    for (; *haystack; haystack++)
        if (*haystack == *needle && strncmp(haystack, needle, n) == 0)
            return (char*)haystack;
    return NULL;
}

char* strcasestr(const char* haystack, const char* needle)
{
    size_t n = strlen(needle);
    for (; *haystack; haystack++)
        if (strncasecmp(haystack, needle, n) == 0)
            return (char*)haystack;
    return n == 0 ? (char*)haystack : NULL;
}

size_t strspn(const char* s, const char* accept)
{
    size_t n = 0;
    while (s[n] && strchr(accept, s[n]))
        n++;
    return n;
}

size_t strcspn(const char* s, const char* reject)
{
    size_t n = 0;
    while (s[n] && !strchr(reject, s[n]))
        n++;
    return n;
}

char* strpbrk(const char* s, const char* accept)
{
    s += strcspn(s, accept);
    return *s ? (char*)s : NULL;
}

char* strtok_r(char* s, const char* delim, char** saveptr)
{
    if (!s)
        s = *saveptr;
    if (!s)
        return NULL;
    s += strspn(s, delim);
    if (!*s) {
        *saveptr = NULL;
        return NULL;
    }
    char* end = s + strcspn(s, delim);
    if (*end) {
        *end = '\0';
        *saveptr = end + 1;
    } else {
        *saveptr = NULL;
    }
    return s;
}

char* strtok(char* s, const char* delim)
{
    static char* saved;
    return strtok_r(s, delim, &saved);
}

char* strsep(char** stringp, const char* delim)
{
    char* begin = *stringp;
    if (!begin)
        return NULL;
    char* end = begin + strcspn(begin, delim);
    if (*end) {
        *end = '\0';
        *stringp = end + 1;
    } else {
        *stringp = NULL;
    }
    return begin;
}

int ffs(int i)
{
    if (!i)
        return 0;
    int bit = 1;
    for (unsigned u = (unsigned)i; !(u & 1); u >>= 1)
        bit++;
    return bit;
}

static const char* const signal_names[] = {
    "Invalid signal number", "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trap", "Aborted",
    "Bus error", "Division by zero", "Killed", "User signal 1", "Segmentation violation", "User signal 2",
    "Broken pipe", "Alarm clock", "Terminated", "Stack fault", "Child exited", "Continued", "Stopped (signal)",
    "Stopped", "Stopped (tty input)", "Stopped (tty output)", "Urgent I/O condition", "CPU limit exceeded",
    "File size limit exceeded", "Virtual timer expired", "Profiling timer expired", "Window changed",
    "I/O possible", "Information request", "Bad system call",
};

char* strsignal(int sig)
{
    if (sig < 0 || sig >= (int)(sizeof(signal_names) / sizeof(signal_names[0])))
        return (char*)"Unknown signal";
    return (char*)signal_names[sig];
}
