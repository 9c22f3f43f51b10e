/*
 * /bin/sh, run as a user would: each case runs the shell (mostly as
 * sh -c SCRIPT) in a child with a fixed environment, stdout and stderr on
 * one pipe, and checks the exit status and the whole output. Scripts also
 * come from files (sh FILE, and FILE itself through #!/bin/sh) and from
 * standard input, as a pipe (not interactive: no prompt) or with -i (the
 * prompt, the echo and the line editing an interactive shell does itself).
 * The cases that need signals delivered or a terminal (^C, ^Z, fg, bg)
 * are in tests/shell.test.mjs, which drives the shell on the serial
 * console.
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

static const struct sh_case compound_cases[] = {
    { "if-elif-else", "if false; then echo a; elif true; then echo b; else echo c; fi; if false; then :; fi; echo $?", 0, "b\n0\n" },
    { "if-over-lines", "if true\nthen\n  echo yes\nfi", 0, "yes\n" },
    { "while", "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i + 1)); done", 0, "0\n1\n2\n" },
    { "until", "i=3; until [ $i = 0 ]; do i=$((i - 1)); done; echo $i", 0, "0\n" },
    { "for-in", "for x in a 'b c' d; do echo \"<$x>\"; done", 0, "<a>\n<b c>\n<d>\n" },
    { "for-without-in", "set -- one two; for x; do echo $x; done", 0, "one\ntwo\n" },
    { "break-continue", "for i in 1 2 3 4 5; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done", 0, "1\n3\n" },
    { "break-2", "for i in a b; do for j in 1 2; do [ $j = 2 ] && break 2; echo $i$j; done; done; echo out", 0, "a1\nout\n" },
    { "continue-2", "for i in a b; do for j in 1 2; do [ $j = 2 ] && continue 2; echo $i$j; done; echo never; done", 0, "a1\nb1\n" },
    { "case", "for w in x.c y.h z 'a*'; do case $w in *.c) echo c;; *.h|*.hpp) echo h;; 'a*') echo star;; *) echo other;; esac; done", 0, "c\nh\nother\nstar\n" },
    { "case-brackets", "case b in [!a]) echo not-a;; esac; case 5 in [0-9]) echo digit;; esac; case x in (x) echo paren;; esac", 0, "not-a\ndigit\nparen\n" },
    { "case-no-match", "case z in a) echo a;; esac; echo $?", 0, "0\n" },
    { "function", "f() { echo \"f $# $1\"; return 3; }; f a b; echo $?; echo $1", 0, "f 2 a\n3\n\n" },
    { "function-over-lines", "greet()\n{\n  echo hi $1\n}\ngreet you", 0, "hi you\n" },
    { "function-recursion", "count() { [ $1 -gt 0 ] || return 0; echo $1; count $(($1 - 1)); }; count 3", 0, "3\n2\n1\n" },
    { "subshell", "x=1; (x=2; echo $x; exit 4); echo $? $x", 0, "2\n4 1\n" },
    { "group-redirect", "{ echo a; echo b; } > " OUT "; cat " OUT, 0, "a\nb\n" },
    { "loop-redirect", "for i in 1 2; do echo $i; done | wc -l; while read l; do echo \"[$l]\"; done < " FRUIT " | grep an", 0, "      2\n[banana]\n" },
    { "reserved-word-as-argument", "echo if then fi done }", 0, "if then fi done }\n" },
    { "not-a-reserved-word-here", "fi", 2, "sh: -c: line 1: syntax error: unexpected 'fi'\n" },
    { "unfinished-if", "if true; then echo x", 2, "sh: -c: line 1: syntax error: unexpected end of file\n" },
};

static const struct sh_case expansion_cases[] = {
    { "command-substitution", "echo $(echo a b) \"$(echo '  c  ')\" x$(true)y", 0, "a b   c   xy\n" },
    { "backquotes", "echo `echo back` \"`echo \\`echo nested\\``\"", 0, "back nested\n" },
    { "substitution-nests", "echo $(echo $(echo deep))", 0, "deep\n" },
    { "substitution-strips-newlines", "x=$(echo a; echo; echo); echo \"[$x]\"", 0, "[a]\n" },
    { "substitution-status", "x=$(exit 3); echo $?", 0, "3\n" },
    { "case-in-a-substitution", "echo $(case a in a) echo matched;; esac) $(case b in (b) echo too;; esac)", 0, "matched too\n" },
    { "arithmetic", "x=7; echo $((x * 2 + 1)) $(( (1 + 2) * 3 )) $((x / 2)) $((x % 4)) $((-x)) $((1 << 4)) $((x > 5 && x < 10)) $((x == 7 ? 1 : 0))", 0, "15 9 3 3 -7 16 1 1\n" },
    { "arithmetic-assign", "i=1; : $((i += 4)); echo $i $((i++)) $i $((y = 3)) $y", 0, "5 5 6 3 3\n" },
    { "arithmetic-division-by-zero", "echo $((1 / 0)); echo $?", 0, "sh: 1 / 0: arithmetic division by zero\n1\n" },
    { "parameter-defaults", "unset u; e=; echo ${u-a} ${e-b} ${e:-c} ${u:=d} $u ${e:+f} ${u:+g}", 0, "a c d d g\n" },
    { "parameter-length-and-trimming", "f=dir/file.tar.gz; echo ${#f} ${f%.*} ${f%%.*} ${f#*/} ${f##*.}", 0, "15 dir/file.tar dir/file file.tar.gz gz\n" },
    { "parameter-word-quotes", "echo \"${u:-\"two  words\"}\" ${u:-'a  b'} \"${u:-*}\"", 0, "two  words a  b *\n" },
    { "parameter-error", "echo ${nothing:?is missing}; echo after", 0, "sh: nothing: is missing\nafter\n" },
    { "glob", "cd " DIR "; touch g1.c g2.c g3.h; echo g*.c; echo g?.h; echo g[12].c; echo g[!1].c", 0, "g1.c g2.c\ng3.h\ng1.c g2.c\ng2.c\n" },
    { "glob-no-match-stays", "echo /nonexistent/*.q '*' \"g*\"", 0, "/nonexistent/*.q * g*\n" },
    { "glob-in-directories", "echo /usr/tests/fixtures/script-h*", 0, "/usr/tests/fixtures/script-hello\n" },
    { "ifs", "IFS=:; x=a:b::c; for i in $x; do echo \"[$i]\"; done", 0, "[a]\n[b]\n[]\n[c]\n" },
    { "heredoc", "x=world; cat <<EOF\nhello $x\n  $(echo sub) \\$x\nEOF\necho after", 0, "hello world\n  sub $x\nafter\n" },
    { "heredoc-quoted", "cat <<'EOF'\n$x `y`\nEOF", 0, "$x `y`\n" },
    { "heredoc-strip-tabs", "cat <<-END\n\tindented\n\tEND\necho done", 0, "indented\ndone\n" },
    { "heredoc-two-on-a-line", "cat <<A; cat <<B\none\nA\ntwo\nB", 0, "one\ntwo\n" },
    { "heredoc-in-a-pipeline", "cat <<E | wc -l\na\nb\nE", 0, "      2\n" },
};

static const struct sh_case more_builtin_cases[] = {
    { "test-strings", "[ a = a ] && [ a != b ] && [ -n x ] && [ -z '' ] && test x && ! [ '' ] && echo ok", 0, "ok\n" },
    { "test-integers", "[ 3 -lt 5 ] && [ 5 -ge 5 ] && [ 2 -ne 3 ] && ! [ 4 -gt 9 ] && echo ok; [ x -eq 1 ]; echo $?", 0, "ok\nsh: test: x: integer expression expected\n2\n" },
    { "test-files", "[ -d /tmp ] && [ -f " FRUIT " ] && [ -s " FRUIT " ] && [ -e /bin/sh ] && [ -x /bin/sh ] && [ ! -e /nonexistent ] && echo ok", 0, "ok\n" },
    { "test-and-or", "[ a = a -a b = b ] && [ a = b -o c = c ] && [ \\( a = a \\) ] && echo ok", 0, "ok\n" },
    { "bracket-needs-close", "[ a = a", 2, "sh: [: missing ]\n" },
    { "read", "{ echo one two three; echo last; } > " OUT "; { read a b; read c; } < " OUT "; echo \"[$a] [$b] [$c]\"; read x < /dev/null; echo $?", 0, "[one] [two three] [last]\n1\n" },
    { "shift-set", "set -- a b c; shift; echo $# $1; shift 2; echo $#; set -- x; echo $1", 0, "2 b\n0\nx\n" },
    { "set-e", "set -e; true; false || echo handled; if false; then :; fi; false; echo not reached", 1, "handled\n" },
    { "set-x", "set -x; echo traced; set +x; echo quiet", 0, "+ echo traced\ntraced\n+ set +x\nquiet\n" },
    { "exec", "exec 3> " OUT "; echo via-3 >&3; exec 3>&-; cat " OUT "; exec echo replaced; echo never", 0, "via-3\nreplaced\n" },
    { "eval", "cmd='echo evaluated $((1+1))'; eval $cmd; eval 'x=5'; echo $x", 0, "evaluated 2\n5\n" },
    { "source", "echo 'sourced=yes; echo in $1' > " OUT "; . " OUT " arg; echo $sourced; source " OUT, 0, "in arg\nyes\nin\n" },
    { "trap-exit", "trap 'echo bye $?' EXIT; echo hi; exit 3", 3, "hi\nbye 3\n" },
    { "trap-list-and-reset", "trap 'echo x' INT; trap; trap - INT; trap", 0, "trap -- 'echo x' INT\n" },
    { "type", "f() { :; }; type cd f sh; command -v : ls; type nosuch", 1, "cd is a shell builtin\nf is a shell function\nsh is /bin/sh\n:\n/bin/ls\nsh: type: nosuch: not found\n" },
    { "jobs-and-wait", "sleep 1 & jobs; wait %1; echo $?; jobs", 0, "[1]+  Running  sleep 1\n0\n" },
    { "kill-builtin", "kill -l 15; kill -l 137; kill -s nosuch 1", 2, "TERM\nKILL\nkill: nosuch: invalid signal\n" },
    { "fg-without-jobs", "fg; bg", 1, "sh: fg: no current job\nsh: bg: no current job\n" },
    { "echo-n", "echo -n a; echo b; echo", 0, "ab\n\n" },
    { "kill-program", "/bin/kill -l 9; /bin/kill 2> /dev/null; echo $?", 0, "KILL\n2\n" },
    { "tty-not-a-tty", "tty; echo $?", 0, "not a tty\n1\n" },
    { "stty-not-a-tty", "stty 2> /dev/null; echo $?", 0, "1\n" },
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
    snprintf(want, sizeof(want), "%secx\b \bho ok\nok\n%sjunk\b\b\b\b    \b\b\b\becho u\nu\n%secho u\nu\n%secho zz\b\byzz\b\b\nyzz\n%secho 'a\n> b'\na\nb\n%s\n", p, p, p, p, p, p);
    expect("interactive-line-editing", run("ecx\x7fho ok\njunk\x15" "echo u\n\x1b[A\necho zz\x1b[D\x1b[Dy\necho 'a\nb'\n\x04" "echo not reached\n", (char* const[]) { "/bin/sh", "-i", NULL }), 0, want);
    snprintf(want, sizeof(want), "%secho /usr/tests/\n/usr/tests/\n%strue \n%s", p, p, p);
    expect("interactive-tab-completion", run("echo /usr/tes\t\ntru\t\n", (char* const[]) { "/bin/sh", "-i", NULL }), 0, want);
    snprintf(want, sizeof(want), "%strue &\n[1] ", p);
    run("true &\nexit\n", (char* const[]) { "/bin/sh", "-i", NULL });
    kt_check("interactive-background-job-number", strncmp(output, want, strlen(want)) == 0, "output \"%s\"", shown());
    snprintf(want, sizeof(want), "%sfalse\n%s", p, p);
    expect("interactive-eof-status", run("false\n", (char* const[]) { "/bin/sh", "-i", NULL }), 1, want);
    snprintf(want, sizeof(want), "%secho ;;\nsh: syntax error: unexpected ';;'\n%secho still\nstill\n%s", p, p, p);
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
    RUN_CASES(compound_cases);
    RUN_CASES(expansion_cases);
    RUN_CASES(more_builtin_cases);
    scripts();
    long_lines();
    standard_input();
    run(NULL, (char* const[]) { "/bin/rm", "-r", DIR, NULL });
    kt_check("cleanup", access(DIR, F_OK) < 0, "%s is still there", DIR);
    return kt_finish();
}
