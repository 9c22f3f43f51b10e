/*
 * Temporary files: mkstemp, mkdtemp (the template's trailing "XXXXXX"
 * replaced by random letters and digits until the name is new), tmpfile
 * (an unlinked mkstemp file in /tmp).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEMPLATE_XS 6
#define TEMPLATE_ATTEMPTS 100

static const char name_characters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/*
 * Calls make(path, mode) with template's "XXXXXX" replaced afresh until it
 * does not fail with EEXIST; its result. EINVAL (template unchanged) when
 * the template does not end in six X's.
 */
static int create_unique(char* template, int (*make)(const char* path, mode_t mode))
{
    size_t length = strlen(template);
    if (length < TEMPLATE_XS || strspn(template + length - TEMPLATE_XS, "X") != TEMPLATE_XS) {
        errno = EINVAL;
        return -1;
    }
    char* xs = template + length - TEMPLATE_XS;
    for (int attempt = 0; attempt < TEMPLATE_ATTEMPTS; attempt++) {
        for (int i = 0; i < TEMPLATE_XS; i++)
            xs[i] = name_characters[arc4random_uniform(sizeof(name_characters) - 1)];
        int rc = make(template, 0);
        if (rc >= 0 || errno != EEXIST)
            return rc;
    }
    errno = EEXIST;
    return -1;
}

static int make_file(const char* path, mode_t mode)
{
    (void)mode;
    return open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
}

static int make_directory(const char* path, mode_t mode)
{
    (void)mode;
    return mkdir(path, 0700);
}

int mkstemp(char* template)
{
    return create_unique(template, make_file);
}

char* mkdtemp(char* template)
{
    return create_unique(template, make_directory) < 0 ? NULL : template;
}

FILE* tmpfile(void)
{
    char path[] = "/tmp/tmpfile.XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    unlink(path);
    FILE* f = fdopen(fd, "w+");
    if (!f)
        close(fd);
    return f;
}
