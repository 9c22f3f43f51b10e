/* basename and dirname (see <libgen.h>). */
#include <libgen.h>
#include <string.h>

static char dot[] = ".";

/* The length of path without its trailing slashes (at least 1 for "/"). */
static size_t trimmed_length(const char* path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    return n;
}

char* basename(char* path)
{
    if (!path || !*path)
        return dot;
    size_t n = trimmed_length(path);
    path[n] = '\0';
    if (n == 1)
        return path; /* "/" or a one-character name */
    char* slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

char* dirname(char* path)
{
    if (!path || !*path)
        return dot;
    size_t n = trimmed_length(path);
    while (n > 0 && path[n - 1] != '/') /* drop the last component */
        n--;
    if (n == 0)
        return dot;
    while (n > 1 && path[n - 1] == '/') /* and the slashes before it */
        n--;
    path[n] = '\0';
    return path;
}
