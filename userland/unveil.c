/*
 * /bin/unveil path:permissions... -- command [args...]: unveils each path
 * with its permissions (letters of rwxcb, as unveil(2); the last ':'
 * splits), locks the veil, and runs command (searched in PATH) under it.
 * The reference's exec lifts every veil; this one asks the kernel to keep
 * its locked veil for the one exec (prctl PR_SET_KEEP_VEIL_AT_EXEC), so
 * the command can neither see past it nor widen it. The command itself
 * must be unveiled with x:
 *   unveil /bin/cat:x /etc/passwd:r -- /bin/cat /etc/passwd
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

__attribute__((noreturn)) static void usage(void)
{
    fprintf(stderr, "usage: unveil path:permissions... -- command [args...]\n");
    exit(1);
}

int main(int argc, char** argv)
{
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        char* colon = strrchr(argv[i], ':');
        if (!colon)
            usage();
        *colon = 0;
        if (unveil(argv[i], colon + 1) < 0)
            err(1, "unveil %s:%s", argv[i], colon + 1);
    }
    if (i + 1 >= argc)
        usage();
    if (unveil(NULL, NULL) < 0 || prctl(PR_SET_KEEP_VEIL_AT_EXEC, 1, 0) < 0)
        err(1, "unveil");
    execvp(argv[i + 1], argv + i + 1);
    err(127, "%s", argv[i + 1]);
}
