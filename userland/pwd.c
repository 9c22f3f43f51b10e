/* /bin/pwd: prints the current directory. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    (void)argv;
    if (argc > 1) {
        fprintf(stderr, "usage: pwd\n");
        return 1;
    }
    char* cwd = getcwd(NULL, 0);
    if (!cwd)
        err(1, ".");
    puts(cwd);
    if (fflush(stdout) == EOF || ferror(stdout))
        err(1, "stdout");
    return 0;
}
