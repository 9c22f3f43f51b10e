/* The exec family over execve [36]: execv, execvp, execvpe, execl, execle, execlp. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int execv(const char* path, char* const argv[])
{
    return execve(path, argv, environ);
}

/*
 * file with a '/' is executed as is; otherwise each directory of $PATH
 * (default "/bin:/usr/bin"; an empty entry is the current directory) is
 * tried in order. ENOENT/ENOTDIR/EACCES go on to the next directory; EACCES
 * is reported at the end if it was seen; any other error stops the search.
 */
int execvpe(const char* file, char* const argv[], char* const envp[])
{
    if (!file) {
        errno = EFAULT;
        return -1;
    }
    if (!*file) {
        errno = ENOENT;
        return -1;
    }
    if (strchr(file, '/'))
        return execve(file, argv, envp);
    const char* path = getenv("PATH");
    if (!path)
        path = "/bin:/usr/bin";
    size_t file_length = strlen(file);
    int saw_eacces = 0;
    for (const char* dir = path;; dir++) {
        const char* end = strchrnul(dir, ':');
        size_t dir_length = end - dir;
        if (dir_length + 1 + file_length < PATH_MAX) {
            char candidate[PATH_MAX];
            memcpy(candidate, dir, dir_length);
            size_t n = dir_length;
            if (n > 0)
                candidate[n++] = '/';
            memcpy(candidate + n, file, file_length + 1);
            execve(candidate, argv, envp);
            if (errno == EACCES)
                saw_eacces = 1;
            else if (errno != ENOENT && errno != ENOTDIR)
                return -1;
        }
        dir = end;
        if (!*dir)
            break;
    }
    errno = saw_eacces ? EACCES : ENOENT;
    return -1;
}

int execvp(const char* file, char* const argv[])
{
    return execvpe(file, argv, environ);
}

/* Counts the variadic arguments after arg0 up to the terminating NULL. */
static size_t count_varargs(va_list ap)
{
    size_t n = 1;
    while (va_arg(ap, const char*))
        n++;
    return n;
}

#define COLLECT_ARGS(arg0, last_named, argv)                   \
    va_list ap;                                                \
    va_start(ap, last_named);                                  \
    size_t argc_ = count_varargs(ap);                          \
    va_end(ap);                                                \
    char* argv[argc_ + 1];                                     \
    argv[0] = (char*)(arg0);                                   \
    va_start(ap, last_named);                                  \
    for (size_t i_ = 1; i_ <= argc_; i_++)                     \
        argv[i_] = va_arg(ap, char*); /* ends with the NULL */ \
    (void)0

int execl(const char* path, const char* arg0, ...)
{
    COLLECT_ARGS(arg0, arg0, argv);
    va_end(ap);
    return execve(path, argv, environ);
}

int execlp(const char* file, const char* arg0, ...)
{
    COLLECT_ARGS(arg0, arg0, argv);
    va_end(ap);
    return execvpe(file, argv, environ);
}

int execle(const char* path, const char* arg0, ...)
{
    COLLECT_ARGS(arg0, arg0, argv);
    char* const* envp = va_arg(ap, char* const*);
    va_end(ap);
    return execve(path, argv, envp);
}

