/*
 * /bin/echo-args: prints its arguments and environment, one per line:
 *   arg[0]=/bin/echo-args
 *   env[0]=NAME=value
 * Used as the #! interpreter in the exec tests. Two optional environment
 * variables make it a checker (the exit status is the verdict):
 *   ECHO_ARGS_EXPECT=a|b|c  argv joined with '|' must equal this (else exit 1)
 *   ECHO_ARGS_ENVC=n        the environment must have n entries (else exit 2)
 * Otherwise it exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    return 0;
}
