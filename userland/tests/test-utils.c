/*
 * The user utilities of /bin, run as a user would: each case forks, runs
 * a program with its stdout on a pipe, and checks the exit status and the
 * output (or the files the program made).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktest.h"

#define DIR "/tmp/test-utils"
static char output[8192];

/* In the child: the directory the program runs in. */
static void enter(void* dir)
{
    if (chdir((const char*)dir) < 0)
        _exit(126);
}

/* Runs argv[0] with argv in dir (NULL: here), stdout and stderr into output; returns the exit status or -1. */
static int run_in(const char* dir, char* const argv[])
{
    return kt_run_capture(argv, NULL, dir ? enter : NULL, (void*)dir, output, sizeof(output));
}

#define RUN(...) run_in(NULL, (char* const[]) { __VA_ARGS__, NULL })

/* PASS when the program exited with status and its output is exactly expected. */
static void expect_output(const char* name, int status, int expected_status, const char* expected)
{
    kt_check(name, status == expected_status && strcmp(output, expected) == 0, "status %d, output \"%s\"", status, output);
}

/* PASS when the program exited with status and its output contains needle. */
static void expect_contains(const char* name, int status, int expected_status, const char* needle)
{
    kt_check(name, status == expected_status && strstr(output, needle) != NULL, "status %d, output \"%s\"", status, output);
}

static void write_file(const char* path, const char* text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        write(fd, text, strlen(text));
        close(fd);
    }
}

int main(void)
{
    kt_begin("test-utils");
    expect_output("true", RUN("/bin/true"), 0, "");
    expect_output("false", RUN("/bin/false"), 1, "");
    expect_output("echo", RUN("/bin/echo", "hello", "world"), 0, "hello world\n");
    expect_output("echo-n", RUN("/bin/echo", "-n", "x"), 0, "x");
    expect_output("mkdir-p", RUN("/bin/mkdir", "-p", DIR "/a/b"), 0, "");
    expect_output("ls-one-entry", RUN("/bin/ls", DIR "/a"), 0, "b\n");
    write_file(DIR "/lines", "one\ntwo apples\nthree\n");
    expect_output("cat", RUN("/bin/cat", DIR "/lines"), 0, "one\ntwo apples\nthree\n");
    expect_contains("wc-l", RUN("/bin/wc", "-l", DIR "/lines"), 0, "3");
    expect_output("head-n", RUN("/bin/head", "-n", "2", DIR "/lines"), 0, "one\ntwo apples\n");
    expect_output("grep-match", RUN("/bin/grep", "apple", DIR "/lines"), 0, "two apples\n");
    expect_output("grep-no-match-exit-1", RUN("/bin/grep", "pear", DIR "/lines"), 1, "");
    expect_output("grep-count", RUN("/bin/grep", "-c", "t", DIR "/lines"), 0, "2\n");
    expect_output("cp", RUN("/bin/cp", DIR "/lines", DIR "/copy"), 0, "");
    expect_output("cat-copy", RUN("/bin/cat", DIR "/copy"), 0, "one\ntwo apples\nthree\n");
    expect_output("mv", RUN("/bin/mv", DIR "/copy", DIR "/moved"), 0, "");
    kt_check("mv-source-gone", access(DIR "/copy", F_OK) < 0 && access(DIR "/moved", F_OK) == 0, "copy still there or moved missing");
    expect_output("ln-s", RUN("/bin/ln", "-s", "moved", DIR "/link"), 0, "");
    expect_output("cat-through-symlink", RUN("/bin/cat", DIR "/link"), 0, "one\ntwo apples\nthree\n");
    expect_contains("ls-l-shows-link", RUN("/bin/ls", "-l", DIR), 0, "link -> moved");
    expect_output("touch", RUN("/bin/touch", DIR "/empty"), 0, "");
    struct stat st;
    kt_check("touch-created-empty-file", stat(DIR "/empty", &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0, "no empty file");
    expect_contains("stat", RUN("/bin/stat", DIR "/lines"), 0, "21");
    expect_output("pwd", run_in(DIR "/a", (char* const[]) { "/bin/pwd", NULL }), 0, DIR "/a\n");
    expect_output("rmdir", RUN("/bin/rmdir", DIR "/a/b"), 0, "");
    expect_contains("rmdir-non-empty-fails", RUN("/bin/rmdir", DIR), 1, "not empty");
    expect_contains("cat-missing-file", RUN("/bin/cat", DIR "/missing"), 1, "No such file");
    expect_output("rm-r", RUN("/bin/rm", "-r", DIR), 0, "");
    kt_check("rm-r-removed-tree", access(DIR, F_OK) < 0, "tree still there");
    expect_contains("uname-s", RUN("/bin/uname", "-s"), 0, "SerenityOS");
    expect_output("hostname", RUN("/bin/hostname"), 0, "courage\n");
    expect_contains("env-adds-variable", RUN("/bin/env", "GREETING=hi", "/bin/env"), 0, "GREETING=hi");
    expect_output("sleep-0", RUN("/bin/sleep", "0"), 0, "");
    expect_contains("ps-lists-itself", RUN("/bin/ps"), 0, "ps");
    return kt_finish();
}
