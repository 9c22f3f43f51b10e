/*
 * /bin/echo-args: prints its arguments and environment, one per line:
 *   arg[0]=/bin/echo-args
 *   env[0]=NAME=value
 * Used as the #! interpreter in the exec tests. Two optional environment
 * variables make it a checker (the exit status is the verdict):
 *   ECHO_ARGS_EXPECT=a|b|c  argv joined with '|' must equal this (else exit 1)
 *   ECHO_ARGS_ENVC=n        the environment must have n entries (else exit 2)
 *   ECHO_ARGS_EXECFD=n      run as an ELF interpreter: AT_EXECFD must be an open
 *                           fd of an n-byte ELF file, AT_ENTRY its entry point
 *                           (else exit 3)
 * Otherwise it exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

/* AT_EXECFD names an open fd of an ELF file of size bytes whose e_entry is AT_ENTRY. */
static int execfd_matches(long size)
{
    int fd = (int)getauxval(AT_EXECFD);
    struct stat st;
    unsigned char header[28];
    if (fd < 0 || fstat(fd, &st) < 0 || st.st_size != size || lseek(fd, 0, SEEK_SET) != 0
        || read(fd, header, sizeof(header)) != sizeof(header))
        return 0;
    unsigned long entry;
    memcpy(&entry, header + 24, 4);
    return memcmp(header, "\x7f" "ELF", 4) == 0 && entry == getauxval(AT_ENTRY);
}

/* Compares argv joined with '|' with expected, without building the string. */
static int argv_matches(int argc, char** argv, const char* expected)
{
    const char* e = expected;
    for (int i = 0; i < argc; i++) {
        if (i > 0 && *e++ != '|')
            return 0;
        size_t n = strlen(argv[i]);
        if (strncmp(e, argv[i], n) != 0)
            return 0;
        e += n;
    }
    return *e == '\0';
}

int main(int argc, char** argv, char** envp)
{
    for (int i = 0; i < argc; i++)
        printf("arg[%d]=%s\n", i, argv[i]);
    int envc = 0;
    for (; envp && envp[envc]; envc++)
        printf("env[%d]=%s\n", envc, envp[envc]);

    const char* expected = getenv("ECHO_ARGS_EXPECT");
    if (expected && !argv_matches(argc, argv, expected)) {
        printf("echo-args: argv does not match ECHO_ARGS_EXPECT=%s\n", expected);
        return 1;
    }
    const char* expected_envc = getenv("ECHO_ARGS_ENVC");
    if (expected_envc && atoi(expected_envc) != envc) {
        printf("echo-args: %d environment entries, ECHO_ARGS_ENVC=%s\n", envc, expected_envc);
        return 2;
    }
    const char* expected_execfd = getenv("ECHO_ARGS_EXECFD");
    if (expected_execfd && !execfd_matches(atol(expected_execfd))) {
        printf("echo-args: AT_EXECFD %ld is not the %s-byte program\n", (long)getauxval(AT_EXECFD), expected_execfd);
        return 3;
    }
    return 0;
}
