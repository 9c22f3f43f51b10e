/* path_join and destination_path (TSOS extensions; see <libgen.h>). */
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char* path_join(const char* dir, const char* name)
{
    size_t dir_length = strlen(dir), name_length = strlen(name);
    int slash = dir_length > 0 && dir[dir_length - 1] != '/';
    char* path = malloc(dir_length + slash + name_length + 1);
    if (!path)
        return NULL;
    memcpy(path, dir, dir_length);
    if (slash)
        path[dir_length] = '/';
    memcpy(path + dir_length + slash, name, name_length + 1);
    return path;
}

char* destination_path(const char* source, const char* target, int sources)
{
    struct stat st;
    if (stat(target, &st) < 0 || !S_ISDIR(st.st_mode)) {
        if (sources > 1) {
            errno = ENOTDIR;
            return NULL;
        }
        return strdup(target);
    }
    char* copy = strdup(source); /* basename may change its argument */
    if (!copy)
        return NULL;
    char* path = path_join(target, basename(copy));
    free(copy);
    return path;
}
