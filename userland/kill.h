/*
 * Signal names and the kill command line, shared by /bin/kill and the
 * shell's kill builtin (which also takes %job: its process group).
 *
 *   kill [-s sig | -sig] [--] pid|%job...    sends sig (default TERM)
 *   kill -l [number|name...]                 lists the names, or converts
 * A sig is a name (with or without SIG, any case) or a number; 0 only
 * checks that the processes exist. A pid below -1 is a process group, -1
 * every process allowed. Status: 0, 1 when a kill failed, 2 for a usage
 * error.
 */
#ifndef USERLAND_KILL_H
#define USERLAND_KILL_H

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

static const char* const signal_names[NSIG] = {
    [SIGHUP] = "HUP", [SIGINT] = "INT", [SIGQUIT] = "QUIT", [SIGILL] = "ILL", [SIGTRAP] = "TRAP",
    [SIGABRT] = "ABRT", [SIGBUS] = "BUS", [SIGFPE] = "FPE", [SIGKILL] = "KILL", [SIGUSR1] = "USR1",
    [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2", [SIGPIPE] = "PIPE", [SIGALRM] = "ALRM", [SIGTERM] = "TERM",
    [SIGSTKFLT] = "STKFLT", [SIGCHLD] = "CHLD", [SIGCONT] = "CONT", [SIGSTOP] = "STOP", [SIGTSTP] = "TSTP",
    [SIGTTIN] = "TTIN", [SIGTTOU] = "TTOU", [SIGURG] = "URG", [SIGXCPU] = "XCPU", [SIGXFSZ] = "XFSZ",
    [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF", [SIGWINCH] = "WINCH", [SIGIO] = "IO", [SIGINFO] = "INFO",
    [SIGSYS] = "SYS",
};

/* The signal spec names (INT, SIGINT, int, 2; 0 for 0), or -1. */
static int signal_number(const char* spec)
{
    if (isdigit((unsigned char)spec[0])) {
        char* end;
        long n = strtol(spec, &end, 10);
        return *end || n >= NSIG ? -1 : (int)n;
    }
    if (strncasecmp(spec, "SIG", 3) == 0)
        spec += 3;
    for (int sig = 1; sig < NSIG; sig++)
        if (signal_names[sig] && strcasecmp(spec, signal_names[sig]) == 0)
            return sig;
    return -1;
}

/* The name of sig without SIG ("?" for none). */
static const char* signal_name(int sig)
{
    return sig > 0 && sig < NSIG && signal_names[sig] ? signal_names[sig] : "?";
}

/* kill -l [spec...]: every name, or each spec converted (a number, also an exit status above 128, to its name). */
static int list_signals(int argc, char** argv)
{
    int status = 0;
    if (argc == 0) {
        for (int sig = 1; sig < NSIG; sig++)
            printf("%s%c", signal_name(sig), sig % 8 == 0 || sig + 1 == NSIG ? '\n' : ' ');
        return 0;
    }
    for (int k = 0; k < argc; k++) {
        int sig = signal_number(argv[k]);
        if (isdigit((unsigned char)argv[k][0]) && sig < 0 && atoi(argv[k]) > 128)
            sig = atoi(argv[k]) - 128;
        if (sig <= 0 || sig >= NSIG) {
            fprintf(stderr, "kill: %s: invalid signal\n", argv[k]);
            status = 1;
        } else if (isdigit((unsigned char)argv[k][0])) {
            printf("%s\n", signal_name(sig));
        } else {
            printf("%d\n", sig);
        }
    }
    return status;
}

/* kill's command line; job (NULL: no jobs) turns a %job into the pid to signal, 0 after reporting. */
static int kill_main(int argc, char** argv, pid_t (*job)(const char* spec))
{
    int k = 1, sig = SIGTERM;
    const char* spec = NULL;
    if (k < argc && strcmp(argv[k], "-l") == 0)
        return list_signals(argc - 2, argv + 2);
    if (k + 1 < argc && strcmp(argv[k], "-s") == 0) {
        spec = argv[k + 1];
        k += 2;
    } else if (k < argc && argv[k][0] == '-' && argv[k][1] && strcmp(argv[k], "--") != 0) {
        spec = argv[k++] + 1;
    }
    if (spec && (sig = signal_number(spec)) < 0) {
        fprintf(stderr, "kill: %s: invalid signal\n", spec);
        return 2;
    }
    if (k < argc && strcmp(argv[k], "--") == 0)
        k++;
    if (k == argc) {
        fputs("usage: kill [-s sig | -sig] pid|%job...\n       kill -l [sig...]\n", stderr);
        return 2;
    }
    int status = 0;
    for (; k < argc; k++) {
        char* end;
        pid_t pid = (pid_t)strtol(argv[k], &end, 10);
        if (argv[k][0] == '%' && job) {
            if (!(pid = job(argv[k]))) {
                status = 1;
                continue;
            }
        } else if (!*argv[k] || *end) {
            fprintf(stderr, "kill: %s: not a process id\n", argv[k]);
            status = 1;
            continue;
        }
        if (kill(pid, sig) < 0) {
            fprintf(stderr, "kill: %s: %s\n", argv[k], strerror(errno));
            status = 1;
        }
    }
    return status;
}

#endif
