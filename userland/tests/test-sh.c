/*
 * /bin/sh, run as a user would: each case runs the shell (mostly as
 * sh -c SCRIPT) in a child with a fixed environment, stdout and stderr on
 * one pipe, and checks the exit status and the whole output. Scripts also
 * come from files (sh FILE, and FILE itself through #!/bin/sh) and from
 * standard input, as a pipe (not interactive: no prompt) or with -i (the
 * prompt, the echo and the line editing an interactive shell does itself).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktest.h"

#define DIR "/tmp/test-sh"
#define FRUIT DIR "/fruit"
#define OUT DIR "/out"
#define SCRIPT DIR "/script"

static char output[65536];
static size_t output_length;
static char* const environment[] = { "PATH=/bin:/usr/bin", "HOME=/", NULL };

/* In the child: stdin from a pipe holding input (NULL: /dev/null), stdout and stderr to out. */
static void child_streams(const char* input, int out)
{
    int in_fd;
    if (input) {
        int fds[2];
        if (pipe(fds) < 0)
            _exit(125);
        write(fds[1], input, strlen(input)); /* small: fits in the pipe */
        close(fds[1]);
        in_fd = fds[0];
    } else {
        in_fd = open("/dev/null", O_RDONLY);
    }
    dup2(in_fd, 0);
    close(in_fd);
    dup2(out, 1);
    dup2(out, 2);
    close(out);
}

/* Reads fd to its end into output (what does not fit is counted and dropped). */
static void collect(int fd)
{
    output_length = 0;
    char scratch[512];
    ssize_t n;
    while ((n = read(fd, scratch, sizeof(scratch))) > 0) {
        size_t room = sizeof(output) - 1 - output_length;
        size_t kept = (size_t)n < room ? (size_t)n : room;
        memcpy(output + output_length, scratch, kept);
        output_length += (size_t)n; /* may exceed the buffer: then no match can pass */
    }
    output[output_length < sizeof(output) ? output_length : sizeof(output) - 1] = '\0';
}

/* Runs argv (argv[0] a path) with the fixed environment and input on stdin; the exit status, or -1. */
static int run(const char* input, char* const argv[])
{
    int fds[2];
    if (pipe(fds) < 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        child_streams(input, fds[1]);
        execve(argv[0], argv, environment);
        _exit(127);
    }
    close(fds[1]);
    collect(fds[0]);
    close(fds[0]);
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

#define SH(script) run(NULL, (char* const[]) { "/bin/sh", "-c", (char*)(script), NULL })
#define SH_ARGS(script, ...) run(NULL, (char* const[]) { "/bin/sh", "-c", (script), __VA_ARGS__, NULL })

/* output with control characters shown as \n, \b, \xNN, for failure details. */
static const char* shown(void)
{
    static char text[200];
    size_t used = 0;
    for (size_t i = 0; i < output_length && output[i] && used + 5 < sizeof(text); i++) {
        unsigned char c = (unsigned char)output[i];
        if (c == '\n')
            used += (size_t)snprintf(text + used, sizeof(text) - used, "\\n");
        else if (c < 0x20 || c >= 0x7f)
            used += (size_t)snprintf(text + used, sizeof(text) - used, "\\x%02x", c);
        else
            text[used++] = (char)c;
    }
    text[used] = '\0';
    return text;
}

/* PASS when the run exited with want_status and printed exactly want. */
static void expect(const char* name, int status, int want_status, const char* want)
{
    kt_check(name, status == want_status && output_length == strlen(want) && strcmp(output, want) == 0,
        "status %d (want %d), output \"%s\"", status, want_status, shown());
}

/* A case of sh -c SCRIPT: the exit status and the whole output it must give. */
struct sh_case {
    const char* name;
    const char* script;
    int status;
    const char* output;
};

static void run_cases(const struct sh_case* cases, size_t count)
{
    for (size_t k = 0; k < count; k++)
        expect(cases[k].name, SH(cases[k].script), cases[k].status, cases[k].output);
}

#define RUN_CASES(table) run_cases((table), sizeof(table) / sizeof((table)[0]))

static void write_file(const char* path, const char* text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd >= 0) {
        write(fd, text, strlen(text));
        close(fd);
    }
}

static const struct sh_case quoting_cases[] = {
    { "echo", "echo hello world", 0, "hello world\n" },
    { "blanks-separate-words", "echo   a \t  b  ", 0, "a b\n" },
    { "single-quotes", "echo 'a  b' 'c\"d' '$HOME' 'x\\y'", 0, "a  b c\"d $HOME x\\y\n" },
    { "double-quotes", "echo \"a  b\" \"x\\\"y\\\\z\\$w\" \"it's\" \"\\q\"", 0, "a  b x\"y\\z$w it's \\q\n" },
    { "backslash", "echo a\\ b \\'q\\' \\\\ \\$HOME", 0, "a b 'q' \\ $HOME\n" },
    { "adjacent-parts-join", "echo 'a'\"b\"c'd'", 0, "abcd\n" },
    { "comments", "echo a # b c\n# a whole line\necho a#b", 0, "a\na#b\n" },
    { "empty-quotes-are-an-argument", "ECHO_ARGS_EXPECT='/bin/echo-args||x' /bin/echo-args '' x > /dev/null && echo matched", 0, "matched\n" },
};

static const struct sh_case variable_cases[] = {
    { "variable", "X=hello; echo $X ${X}world \"$X\" '$X'", 0, "hello helloworld hello $X\n" },
    { "unset-variable-is-empty", "echo \"[$NOTHING]\"", 0, "[]\n" },
    { "field-splitting", "X='a   b'; ECHO_ARGS_EXPECT='/bin/echo-args|a|b|a   b' /bin/echo-args $X \"$X\" > /dev/null && echo split", 0, "split\n" },
    { "empty-unquoted-expansion-vanishes", "ECHO_ARGS_EXPECT='/bin/echo-args|x||y' /bin/echo-args x \"$E\" $E y > /dev/null && echo vanished", 0, "vanished\n" },
    { "status-variable", "false; echo $?; true; echo $?; nosuch 2> /dev/null; echo $?", 0, "1\n0\n127\n" },
    { "assignments-in-order", "A=1 B=$A; echo $B", 0, "1\n" },
    { "tilde", "HOME=/usr; echo ~ ~/x a~", 0, "/usr /usr/x a~\n" },
    { "dollar-alone", "echo $ \"$\" a$", 0, "$ $ a$\n" },
    { "export", "export G=exported; L=local; env | grep ^G=; env | grep -c ^L=; echo $L", 0, "G=exported\n0\nlocal\n" },
    { "export-existing-name", "L=later; export L; env | grep ^L=", 0, "L=later\n" },
    { "prefix-assignment-only-for-the-command", "T=temp env | grep ^T=; echo \"[$T]\"", 0, "T=temp\n[]\n" },
    { "unset", "X=1; export Y=2; unset X Y; echo \"[$X][$Y]\"; env | grep -c ^Y=", 1, "[][]\n0\n" },
};

/* $0, $#, $1..., "$@", "$*" and $$: through sh -c SCRIPT NAME ARG... */
static void parameters(void)
{
    expect("positional-parameters", SH_ARGS("echo $0 $# $1 $2; ECHO_ARGS_EXPECT='/bin/echo-args|a b|c' /bin/echo-args \"$@\" > /dev/null && echo kept", "name", "a b", "c"), 0, "name 2 a b c\nkept\n");
    expect("ten-arguments", SH_ARGS("echo $10 ${10}", "n", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), 0, "a0 j\n");
    expect("star-joins", SH_ARGS("echo \"$*\"", "name", "a", "b"), 0, "a b\n");
    int status = SH("echo $$");
    kt_check("pid-variable", status == 0 && output_length > 1 && strspn(output, "0123456789") == output_length - 1 && atoi(output) != getpid(),
        "status %d, output \"%s\"", status, shown());
}

static const struct sh_case pipeline_cases[] = {
    { "pipeline-2", "echo hello world | wc -w", 0, "      2\n" },
    { "pipeline-3", "cat " FRUIT " | grep x | wc -l", 0, "      2\n" },
    { "pipeline-6", "echo a | cat | cat | cat | cat | wc -l", 0, "      1\n" },
    { "pipeline-status-is-the-last", "true | false; echo $?; false | true; echo $?", 0, "1\n0\n" },
    { "pipeline-over-lines", "echo x |\n\nwc -l", 0, "      1\n" },
};

static const struct sh_case redirection_cases[] = {
    { "redirect-out", "echo one > " OUT "; cat " OUT, 0, "one\n" },
    { "redirect-out-truncates", "echo a longer line > " OUT "; echo x > " OUT "; cat " OUT, 0, "x\n" },
    { "redirect-append", "echo one > " OUT "; echo two >> " OUT "; cat " OUT, 0, "one\ntwo\n" },
    { "redirect-in", "grep an < " FRUIT, 0, "banana\n" },
    { "redirect-stderr", "ls /nonexistent 2> " OUT "; echo status $?; grep -c nonexistent " OUT, 0, "status 1\n1\n" },
    { "stderr-to-stdout", "ls /nonexistent 2>&1 | grep -c nonexistent", 0, "1\n" },
    { "redirections-apply-in-order", "ls /nonexistent 2>&1 > /dev/null | grep -c nonexistent; ls /nonexistent > /dev/null 2>&1 | wc -l", 0, "1\n      0\n" },
    { "stdout-to-stderr", "echo shown >&2 2> /dev/null; echo hidden 2> /dev/null >&2", 0, "shown\n" },
    { "redirect-before-the-command", "> " OUT " echo first; < " OUT " cat", 0, "first\n" },
    { "redirect-alone-creates", "rm -f " OUT "; > " OUT "; wc -c < " OUT, 0, "      0\n" },
    { "builtin-redirect-is-undone", "cd /tmp; pwd > " OUT "; echo after; cat " OUT, 0, "after\n/tmp\n" },
    { "redirect-missing-file", "cat < /nonexistent; echo status $?", 0, "sh: /nonexistent: No such file or directory\nstatus 1\n" },
};

/* The message names the descriptor and gives strerror's text. */
static void redirect_bad_descriptor(void)
{
    char want[100];
    snprintf(want, sizeof(want), "sh: 7: %s\nstatus 1\n", strerror(EBADF));
    expect("redirect-bad-descriptor", SH("echo x >&7; echo status $?"), 0, want);
}

static const struct sh_case list_cases[] = {
    { "and-or-semicolon", "true && echo a; false && echo b; false || echo c; true || echo d; false && echo e || echo f", 0, "a\nc\nf\n" },
    { "not", "! false && echo yes; ! true; echo $?", 0, "yes\n1\n" },
    { "newlines-separate", "echo one\necho two\n\necho three", 0, "one\ntwo\nthree\n" },
    { "and-over-lines", "true &&\necho joined", 0, "joined\n" },
    { "quote-over-lines", "echo 'a\nb'", 0, "a\nb\n" },
    { "backslash-newline", "echo a \\\nb", 0, "a b\n" },
    { "background-and-wait", "echo bg > " OUT " & wait; cat " OUT, 0, "bg\n" },
    { "wait-for-one", "false & wait $!; echo $?", 0, "1\n" },
};

static const struct sh_case builtin_and_status_cases[] = {
    { "cd-pwd", "cd /tmp && pwd && /bin/pwd", 0, "/tmp\n/tmp\n" },
    { "cd-home", "HOME=/usr/tests; cd; pwd", 0, "/usr/tests\n" },
    { "cd-without-home", "cd /tmp; unset HOME; cd; pwd", 0, "/\n" },
    { "cd-missing", "cd /nonexistent; echo status $?", 0, "sh: cd: /nonexistent: No such file or directory\nstatus 1\n" },
    { "command-not-found", "nosuchcommand arg", 127, "sh: nosuchcommand: not found\n" },
    { "path-not-found", "/bin/nonexistent", 127, "sh: /bin/nonexistent: not found\n" },
    { "not-executable", "/usr/tests/fixtures/no-exec-perm", 126, "sh: /usr/tests/fixtures/no-exec-perm: Permission denied\n" },
    { "status-of-last-command", "true; false", 1, "" },
    { "exit-n", "exit 3; echo not reached", 3, "" },
    { "exit-without-n", "false; exit", 1, "" },
    { "exit-modulo-256", "exit 300", 44, "" },
    { "exit-in-a-pipeline-ends-that-child", "exit 5 | echo still here", 0, "still here\n" },
    { "syntax-error-runs-nothing", "echo a; ; echo b", 2, "sh: -c: line 1: syntax error: unexpected ';'\n" },
    { "unterminated-quote", "echo 'open", 2, "sh: -c: line 1: syntax error: unexpected end of file\n" },
    { "pipe-to-nothing", "echo a |", 2, "sh: -c: line 1: syntax error: unexpected end of file\n" },
};

static const char script_text[] = "#!/bin/sh\n"
                                  "# a comment line\n"
                                  "echo one # a trailing comment\n"
                                  "X=two\n"
                                  "echo \"$X\" $1\n"
                                  "exit 4\n"
                                  "echo not reached\n";

static void scripts(void)
{
    write_file(SCRIPT, script_text, 0644);
    expect("sh-file", run(NULL, (char* const[]) { "/bin/sh", SCRIPT, "arg", NULL }), 4, "one\ntwo arg\n");
    expect("sh-file-not-executable-from-path", SH(SCRIPT " arg"), 126, "sh: " SCRIPT ": Permission denied\n");
    chmod(SCRIPT, 0755);
    expect("hashbang-script", run(NULL, (char* const[]) { SCRIPT, "arg", NULL }), 4, "one\ntwo arg\n");
    expect("hashbang-script-from-sh", SH(SCRIPT " z; echo status $?"), 0, "one\ntwo z\nstatus 4\n");
    expect("sh-missing-file", run(NULL, (char* const[]) { "/bin/sh", DIR "/missing", NULL }), 127,
        "sh: " DIR "/missing: No such file or directory\n");
    expect("script-syntax-error-line", run(NULL, (char* const[]) { "/bin/sh", SCRIPT "-bad", NULL }), 2,
        "fine\nsh: " SCRIPT "-bad: line 3: syntax error: unexpected '|'\n");
}

/* A line of 20000 characters, and one of 3000 arguments: no fixed limit cuts them. */
static void long_lines(void)
{
    enum { LONG = 20000, ARGS = 3000 };
    static char text[LONG + 64];
    strcpy(text, "echo ");
    memset(text + 5, 'x', LONG);
    strcpy(text + 5 + LONG, "\n");
    write_file(SCRIPT "-long", text, 0644);
    int status = run(NULL, (char* const[]) { "/bin/sh", SCRIPT "-long", NULL });
    kt_check("long-word", status == 0 && output_length == LONG + 1 && strspn(output, "x") == LONG,
        "status %d, %zu bytes", status, output_length);
    strcpy(text, "echo");
    for (int k = 0; k < ARGS; k++)
        strcat(text + 4 + 2 * k, " a");
    strcat(text + 4 + 2 * ARGS, " | wc -w\n");
    write_file(SCRIPT "-long", text, 0644);
    expect("many-arguments", run(NULL, (char* const[]) { "/bin/sh", SCRIPT "-long", NULL }), 0, "   3000\n");
}

static void standard_input(void)
{
    expect("stdin-pipe-is-not-interactive", run("echo from stdin\nexit 6\necho not reached\n", (char* const[]) { "/bin/sh", NULL }), 6, "from stdin\n");
    expect("stdin-end-ends-the-shell", run("false\n", (char* const[]) { "/bin/sh", NULL }), 1, "");
    expect("stdin-unfinished-command", run("echo 'open\n", (char* const[]) { "/bin/sh", NULL }), 2, "sh: line 1: syntax error: unexpected end of file\n");

    const char* p = geteuid() == 0 ? "# " : "$ ";
    char want[300];
    snprintf(want, sizeof(want), "%secho hi\nhi\n%sexit 3\n", p, p);
    expect("interactive-prompt-and-echo", run("echo hi\nexit 3\n", (char* const[]) { "/bin/sh", "-i", NULL }), 3, want);
    snprintf(want, sizeof(want), "%secx\b \bho ok\nok\n%sjunk\b \b\b \b\b \b\b \becho u\nu\n%secho z\nz\n%secho 'a\n> b'\na\nb\n%s\n", p, p, p, p, p);
    expect("interactive-line-editing", run("ecx\x7fho ok\njunk\x15" "echo u\n\x1b[Aecho z\necho 'a\nb'\n\x04" "echo not reached\n", (char* const[]) { "/bin/sh", "-i", NULL }), 0, want);
    snprintf(want, sizeof(want), "%sfalse\n%s", p, p);
    expect("interactive-eof-status", run("false\n", (char* const[]) { "/bin/sh", "-i", NULL }), 1, want);
    snprintf(want, sizeof(want), "%secho ;;\nsh: syntax error: unexpected ';'\n%secho still\nstill\n%s", p, p, p);
    expect("interactive-survives-syntax-error", run("echo ;;\necho still\n", (char* const[]) { "/bin/sh", "-i", NULL }), 0, want);
}

int main(void)
{
    kt_begin("test-sh");
    mkdir("/tmp", 0777);
    mkdir(DIR, 0755);
    write_file(FRUIT, "apple\nbanana\ncherry\nxylophone\nbox\n", 0644);
    write_file(SCRIPT "-bad", "echo fine\n\n| echo\n", 0644);
    RUN_CASES(quoting_cases);
    RUN_CASES(variable_cases);
    parameters();
    RUN_CASES(pipeline_cases);
    RUN_CASES(redirection_cases);
    redirect_bad_descriptor();
    RUN_CASES(list_cases);
    RUN_CASES(builtin_and_status_cases);
    scripts();
    long_lines();
    standard_input();
    run(NULL, (char* const[]) { "/bin/rm", "-r", DIR, NULL });
    kt_check("cleanup", access(DIR, F_OK) < 0, "%s is still there", DIR);
    return kt_finish();
}
