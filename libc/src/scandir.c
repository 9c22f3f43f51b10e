/* scandir and alphasort (see <dirent.h>): a separate object so that readdir alone does not link qsort. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int alphasort(const struct dirent** a, const struct dirent** b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static void free_entries(struct dirent** entries, size_t count)
{
    while (count)
        free(entries[--count]);
    free(entries);
}

int scandir(const char* path, struct dirent*** result, int (*select)(const struct dirent*),
    int (*compare)(const struct dirent**, const struct dirent**))
{
    DIR* dirp = opendir(path);
    if (!dirp)
        return -1;
    int saved = errno;
    struct dirent** entries = NULL;
    size_t count = 0, capacity = 0;
    for (;;) {
        errno = 0;
        struct dirent* entry = readdir(dirp);
        if (!entry) {
            if (errno)
                goto fail;
            break;
        }
        if (select && !select(entry))
            continue;
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            struct dirent** grown = reallocarray(entries, capacity, sizeof(*entries));
            if (!grown)
                goto fail;
            entries = grown;
        }
        entries[count] = malloc(sizeof(struct dirent));
        if (!entries[count])
            goto fail;
        memcpy(entries[count++], entry, sizeof(struct dirent));
    }
    closedir(dirp);
    errno = saved;
    if (compare)
        qsort(entries, count, sizeof(*entries), (int (*)(const void*, const void*))compare);
    *result = entries;
    return (int)count;

fail:
    saved = errno;
    closedir(dirp);
    free_entries(entries, count);
    errno = saved;
    return -1;
}
