/* strdup and strndup (apart from string.c so that string functions do not link malloc). */
#include <stdlib.h>
#include <string.h>

char* strdup(const char* s)
{
    size_t n = strlen(s) + 1;
    char* copy = malloc(n);
    if (copy)
        memcpy(copy, s, n);
    return copy;
}

char* strndup(const char* s, size_t n)
{
    size_t length = strnlen(s, n);
    char* copy = malloc(length + 1);
    if (copy) {
        memcpy(copy, s, length);
        copy[length] = '\0';
    }
    return copy;
}
