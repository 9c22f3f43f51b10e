/* Process start-up: called by crt0's _start. */
#include <stdlib.h>
#include <unistd.h>

char** environ;
/* argv[0], for getprogname() (progname.c; kept apart so start-up adds no rodata). */
const char* __libc_program_path;

/* The auxiliary vector: execve puts it just past envp's NULL (auxv.c reads it). */
extern const unsigned long* __libc_auxv;

int main(int argc, char** argv, char** envp);

__attribute__((noreturn, used)) void __libc_start(int argc, char** argv, char** envp)
{
    environ = envp;
    char** end = envp;
    while (*end)
        end++;
    __libc_auxv = (const unsigned long*)(end + 1);
    if (argc > 0)
        __libc_program_path = argv[0];
    exit(main(argc, argv, envp));
}
