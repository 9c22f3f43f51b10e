/*
 * /bin/cat [-u] [file...]: copies the files ("-" or none: standard input)
 * to standard output. Unbuffered (-u is accepted for POSIX): each read is
 * written at once, so cat on a terminal echoes line by line.
 */
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Copies fd to standard output; -1 (errno set) if reading fails. A failed write ends cat. */
static int copy(int fd)
{
    char buffer[4096];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof(buffer))) > 0) {
        for (ssize_t done = 0, written; done < n; done += written)
            if ((written = write(STDOUT_FILENO, buffer + done, n - done)) < 0)
                err(1, "stdout");
    }
    return n < 0 ? -1 : 0;
}

int main(int argc, char** argv)
{
    int c;
    while ((c = getopt(argc, argv, "u")) != -1) {
        if (c != 'u') {
            fprintf(stderr, "usage: cat [-u] [file...]\n");
            return 1;
        }
    }
    static char* const standard_input[] = { "-", NULL };
    int status = 0;
    for (char* const* file = optind < argc ? argv + optind : standard_input; *file; file++) {
        int is_stdin = strcmp(*file, "-") == 0;
        int fd = is_stdin ? STDIN_FILENO : open(*file, O_RDONLY);
        if (fd < 0 || copy(fd) < 0) {
            warn("%s", *file);
            status = 1;
        }
        if (fd >= 0 && !is_stdin)
            close(fd);
    }
    return status;
}
