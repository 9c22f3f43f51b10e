/* The environment: getenv, setenv, unsetenv, putenv, clearenv (see <stdlib.h>). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* environ as the kernel left it, until the first change makes our own copy. */
static char** owned_environ;   /* our malloc'ed array (NULL until the first change) */
static size_t owned_capacity;  /* entries owned_environ can hold, NULL included */
static char** owned_strings;   /* the strings setenv allocated (freed when replaced/removed) */
static size_t owned_count;
static size_t owned_strings_capacity;

static size_t environ_count(void)
{
    size_t n = 0;
    if (environ)
        while (environ[n])
            n++;
    return n;
}

/* Makes environ our malloc'ed array with room for at least one more entry. */
static int environ_reserve(void)
{
    size_t count = environ_count();
    if (environ == owned_environ && owned_environ && count + 2 <= owned_capacity)
        return 0;
    size_t capacity = (count + 2) * 2;
    char** array = malloc(capacity * sizeof(char*));
    if (!array)
        return -1;
    if (count)
        memcpy(array, environ, count * sizeof(char*));
    array[count] = NULL;
    if (environ == owned_environ)
        free(owned_environ);
    environ = owned_environ = array;
    owned_capacity = capacity;
    return 0;
}

static int is_owned(const char* s, size_t* index)
{
    for (size_t i = 0; i < owned_count; i++)
        if (owned_strings[i] == s) {
            *index = i;
            return 1;
        }
    return 0;
}

static void release(char* s)
{
    size_t i;
    if (is_owned(s, &i)) {
        owned_strings[i] = owned_strings[--owned_count];
        free(s);
    }
}

static int remember(char* s)
{
    if (owned_count == owned_strings_capacity) {
        size_t capacity = owned_strings_capacity ? owned_strings_capacity * 2 : 16;
        char** grown = realloc(owned_strings, capacity * sizeof(char*));
        if (!grown)
            return -1;
        owned_strings = grown;
        owned_strings_capacity = capacity;
    }
    owned_strings[owned_count++] = s;
    return 0;
}

/* The index of NAME=... in environ (name_length bytes of name), or -1. */
static long environ_find(const char* name, size_t name_length)
{
    for (size_t i = 0; environ && environ[i]; i++)
        if (strncmp(environ[i], name, name_length) == 0 && environ[i][name_length] == '=')
            return (long)i;
    return -1;
}

char* getenv(const char* name)
{
    size_t n = strlen(name);
    long i = environ_find(name, n);
    return i < 0 ? NULL : environ[i] + n + 1;
}

static int valid_name(const char* name)
{
    return name && *name && !strchr(name, '=');
}

/* Puts entry (NAME=value) in place of the current NAME or at the end. */
static int environ_put(char* entry, size_t name_length)
{
    long i = environ_find(entry, name_length);
    if (environ_reserve() < 0)
        return -1;
    if (i >= 0) {
        char* old = environ[i];
        environ[i] = entry;
        release(old);
    } else {
        size_t count = environ_count();
        environ[count] = entry;
        environ[count + 1] = NULL;
    }
    return 0;
}

int setenv(const char* name, const char* value, int overwrite)
{
    if (!valid_name(name)) {
        errno = EINVAL;
        return -1;
    }
    size_t name_length = strlen(name);
    if (!overwrite && environ_find(name, name_length) >= 0)
        return 0;
    size_t value_length = strlen(value);
    char* entry = malloc(name_length + value_length + 2);
    if (!entry)
        return -1;
    memcpy(entry, name, name_length);
    entry[name_length] = '=';
    memcpy(entry + name_length + 1, value, value_length + 1);
    if (remember(entry) < 0) {
        free(entry);
        return -1;
    }
    if (environ_put(entry, name_length) < 0) {
        release(entry); /* forgets and frees it */
        return -1;
    }
    return 0;
}

int putenv(char* string)
{
    const char* equals = strchr(string, '=');
    if (!equals || equals == string) {
        errno = EINVAL;
        return -1;
    }
    return environ_put(string, equals - string);
}

int unsetenv(const char* name)
{
    if (!valid_name(name)) {
        errno = EINVAL;
        return -1;
    }
    size_t name_length = strlen(name);
    long i;
    while ((i = environ_find(name, name_length)) >= 0) {
        if (environ_reserve() < 0)
            return -1;
        char* old = environ[i];
        size_t count = environ_count();
        memmove(environ + i, environ + i + 1, (count - i) * sizeof(char*)); /* moves the NULL too */
        release(old);
    }
    return 0;
}

int clearenv(void)
{
    while (owned_count)
        free(owned_strings[--owned_count]);
    if (environ == owned_environ)
        free(owned_environ);
    owned_environ = NULL;
    owned_capacity = 0;
    environ = NULL;
    return 0;
}
