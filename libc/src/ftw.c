/* nftw (see <ftw.h>). */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

typedef int (*ftw_callback)(const char*, const struct stat*, int, struct FTW*);

struct walk {
    ftw_callback fn;
    int flags;
    dev_t device; /* path's, for FTW_MOUNT */
};

/* The offset of the last component of path (trailing slashes are part of it). */
static int base_offset(const char* path)
{
    size_t end = strlen(path);
    while (end > 1 && path[end - 1] == '/')
        end--;
    while (end > 0 && path[end - 1] != '/')
        end--;
    return (int)end;
}

static int visit(const struct walk* w, const char* path, int level);

/* Visits the entries of directory path (already read into entries). */
static int visit_entries(const struct walk* w, const char* path, int level, struct dirent** entries, int count)
{
    for (int i = 0; i < count; i++) {
        const char* name = entries[i]->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        char* child = path_join(path, name);
        if (!child)
            return -1;
        int rc = visit(w, child, level + 1);
        free(child);
        if (rc)
            return rc;
    }
    return 0;
}

static int visit(const struct walk* w, const char* path, int level)
{
    struct stat st;
    struct FTW ftw = { base_offset(path), level };
    int type;
    if (((w->flags & FTW_PHYS) ? lstat(path, &st) : stat(path, &st)) == 0) {
        type = S_ISDIR(st.st_mode) ? FTW_D : S_ISLNK(st.st_mode) ? FTW_SL : FTW_F;
    } else if (level == 0) {
        return -1;
    } else {
        int error = errno;
        type = !(w->flags & FTW_PHYS) && error == ENOENT && lstat(path, &st) == 0 ? FTW_SLN : FTW_NS;
        errno = error;
    }
    if ((w->flags & FTW_MOUNT) && type != FTW_NS && st.st_dev != w->device)
        return 0;
    if (type != FTW_D)
        return w->fn(path, &st, type, &ftw);

    struct dirent** entries;
    int count = scandir(path, &entries, NULL, alphasort);
    if (count < 0)
        return w->fn(path, &st, FTW_DNR, &ftw);
    int rc = 0;
    if (!(w->flags & FTW_DEPTH))
        rc = w->fn(path, &st, FTW_D, &ftw);
    if (!rc)
        rc = visit_entries(w, path, level, entries, count);
    if (!rc && (w->flags & FTW_DEPTH))
        rc = w->fn(path, &st, FTW_DP, &ftw);
    for (int i = 0; i < count; i++)
        free(entries[i]);
    free(entries);
    return rc;
}

int nftw(const char* path, ftw_callback fn, int fd_limit, int flags)
{
    (void)fd_limit;
    if (flags & FTW_CHDIR) {
        errno = EINVAL;
        return -1;
    }
    struct walk w = { fn, flags, 0 };
    if (flags & FTW_MOUNT) {
        struct stat st;
        if (((flags & FTW_PHYS) ? lstat(path, &st) : stat(path, &st)) < 0)
            return -1;
        w.device = st.st_dev;
    }
    return visit(&w, path, 0);
}
