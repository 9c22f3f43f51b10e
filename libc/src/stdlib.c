/* Numbers and the environment. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int abs(int x)
{
    return x < 0 ? -x : x;
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* No overflow detection (no ERANGE) yet. */
unsigned long strtoul(const char* s, char** end, int base)
{
    const char* p = s;
    while (*p == ' ' || *p == '\t' || *p == '\n')
        p++;
    int negative = 0;
    if (*p == '+' || *p == '-')
        negative = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = *p == '0' ? 8 : 10;
    }
    const char* digits = p;
    unsigned long value = 0;
    while (digit_value(*p) < base)
        value = value * base + digit_value(*p++);
    if (end)
        *end = (char*)(p == digits ? s : p);
    return negative ? -value : value;
}

long strtol(const char* s, char** end, int base)
{
    return (long)strtoul(s, end, base);
}

int atoi(const char* s)
{
    return (int)strtol(s, NULL, 10);
}

char* getenv(const char* name)
{
    size_t n = strlen(name);
    for (char** e = environ; e && *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}
