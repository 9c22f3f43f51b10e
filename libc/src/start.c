/* Process start-up: called by crt0's _start. */
#include <stdlib.h>
#include <unistd.h>

char** environ;

int main(int argc, char** argv, char** envp);

__attribute__((noreturn, used)) void __libc_start(int argc, char** argv, char** envp)
{
    environ = envp;
    exit(main(argc, argv, envp));
}
