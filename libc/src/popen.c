/*
 * popen and pclose: the command runs as "/bin/sh -c command" in a child
 * whose stdout (mode "r") or stdin (mode "w") is a pipe to the stream.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The streams popen opened, with their children, for pclose. */
struct piped {
    FILE* stream;
    pid_t pid;
    struct piped* next;
};
static struct piped* piped_streams;

/*
 * mode: "r" or "w", then optionally "e" (the stream's fd is close-on-exec).
 * The child closes the streams of earlier popen calls (as POSIX asks) and
 * the pipe is made close-on-exec, so the shell holds only its own end. NULL with
 * errno: EINVAL for another mode, or the error of pipe, fork or malloc.
 */
FILE* popen(const char* command, const char* mode)
{
    int reading = mode[0] == 'r';
    if ((mode[0] != 'r' && mode[0] != 'w') || (mode[1] && strcmp(mode + 1, "e") != 0)) {
        errno = EINVAL;
        return NULL;
    }
    struct piped* entry = malloc(sizeof(*entry));
    int fds[2];
    if (!entry || pipe2(fds, O_CLOEXEC) < 0) {
        free(entry);
        return NULL;
    }
    int ours = reading ? fds[0] : fds[1], theirs = reading ? fds[1] : fds[0];
    pid_t pid = fork();
    if (pid == 0) {
        for (struct piped* open = piped_streams; open; open = open->next)
            close(fileno(open->stream));
        dup2(theirs, reading ? STDOUT_FILENO : STDIN_FILENO);
        execl("/bin/sh", "sh", "-c", command, (char*)NULL);
        _exit(127);
    }
    close(theirs);
    FILE* stream = pid < 0 ? NULL : fdopen(ours, reading ? "r" : "w");
    if (!stream) {
        int error = errno;
        close(ours);
        if (pid > 0)
            waitpid(pid, NULL, 0);
        free(entry);
        errno = error;
        return NULL;
    }
    if (!mode[1])
        fcntl(ours, F_SETFD, 0);
    entry->stream = stream;
    entry->pid = pid;
    entry->next = piped_streams;
    piped_streams = entry;
    return stream;
}

/* Closes the stream and waits for its shell: the wait status, or -1 (ECHILD: not a popen stream). */
int pclose(FILE* stream)
{
    struct piped** link = &piped_streams;
    while (*link && (*link)->stream != stream)
        link = &(*link)->next;
    struct piped* entry = *link;
    if (!entry) {
        errno = ECHILD;
        return -1;
    }
    *link = entry->next;
    pid_t pid = entry->pid;
    free(entry);
    fclose(stream);
    int status;
    pid_t rc;
    do
        rc = waitpid(pid, &status, 0);
    while (rc < 0 && errno == EINTR);
    return rc < 0 ? -1 : status;
}
