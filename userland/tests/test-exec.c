/*
 * test-exec: execve (syscall 36).
 *
 * Success paths, each in a forked child whose exit status is the verdict:
 * - argv-envp: /usr/tests/test-exec re-executes itself with --verify-exec and
 *   checks, in the new image, argc/argv/envp exactly, that the pid and the
 *   parent did not change, and that the address space is fresh (.data back
 *   to its initial value, .bss zero).
 * - many-args: 200 arguments arrive in order.
 * - echo-args and the #! cases run /bin/echo-args, which compares its argv
 *   with ECHO_ARGS_EXPECT (see userland/echo-args.c). #! follows the
 *   reference: the interpreter's words, then the script path, then the
 *   original argv without argv[0]; up to 2 levels of #!, deeper is ELOOP.
 * Errors (the errno comes back as the child's exit status, so a kernel that
 * wrongly succeeds cannot replace this test): ENOENT, ENOTDIR, EACCES
 * (directory, no exec permission bit), ENOEXEC (text file, file shorter than
 * 3 bytes), ELOOP, EINVAL (empty path), ENAMETOOLONG (> PATH_MAX), E2BIG
 * (more than ARG_MAX strings), EFAULT (params, path, string list, string).
 */
#include "ktest.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <syscall.h>
#include <unistd.h>

#define SELF "/usr/tests/test-exec"

static int data_marker = 1;
static int bss_marker;

/* ---- the re-executed side ---- */

static int verify_exec(int argc, char** argv, char** envp)
{
    if (argc != 7)
        return 10;
    if (strcmp(argv[0], SELF) || strcmp(argv[1], "--verify-exec") || strcmp(argv[4], "two words")
        || strcmp(argv[5], "") || strcmp(argv[6], "last"))
        return 11;
    if (argv[7] != NULL)
        return 12;
    const char* expected_env[] = { "A=1", "B=two words", "EMPTY=", NULL };
    for (int i = 0; expected_env[i]; i++)
        if (!envp[i] || strcmp(envp[i], expected_env[i]))
            return 13;
    if (envp[3] != NULL)
        return 14;
    if (environ != envp)
        return 15;
    if (getpid() != atoi(argv[2]))
        return 16;
    if (getppid() != atoi(argv[3]))
        return 17;
    if (data_marker != 1 || bss_marker != 0)
        return 18;
    return 0;
}

static int verify_many(int argc, char** argv)
{
    int count = argc >= 4 ? atoi(argv[2]) : -1;
    int width = argc >= 4 ? atoi(argv[3]) : 0;
    if (argc != 4 + count)
        return 20;
    char expected[32];
    for (int i = 0; i < count; i++) {
        snprintf(expected, sizeof(expected), "%0*d", width, i);
        if (strcmp(argv[4 + i], expected))
            return 21;
    }
    return argv[argc] == NULL ? 0 : 22;
}

/* ---- the testing side ---- */

/* Runs execve(path, argv, envp) in a child; its waitpid status, or -1. */
static int run_exec(const char* path, char* const argv[], char* const envp[])
{
    pid_t pid = fork();
    if (pid == 0) {
        data_marker = 99;
        bss_marker = 5;
        execve(path, argv, envp);
        _exit(errno);
    }
    if (pid < 0)
        return -1;
    int status = 0;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return status;
}

static void expect_success(const char* name, const char* path, char* const argv[], char* const envp[])
{
    int status = run_exec(path, argv, envp);
    kt_check(name, status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s",
        status < 0 ? "fork/waitpid failed" : kt_describe_status(status));
}

/* The child execs raw params; on failure it exits with the errno. */
static void expect_raw_errno(const char* name, const SC_execve_params* params, int expected)
{
    pid_t pid = fork();
    if (pid == 0) {
        int rc = (int)syscall1(SC_execve, (uintptr_t)params);
        _exit(rc < 0 ? -rc : 250);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        kt_fail(name, "fork/waitpid: %s", kt_errname(errno));
        return;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == expected)
        kt_pass(name);
    else if (WIFEXITED(status))
        kt_fail(name, "expected %s, child exited %d (%s; 250: execve returned >= 0; else a new program ran)",
            kt_errname(expected), WEXITSTATUS(status), kt_errname(WEXITSTATUS(status)));
    else
        kt_fail(name, "expected %s, child %s", kt_errname(expected), kt_describe_status(status));
}

static void expect_errno(const char* name, const char* path, int expected)
{
    static StringArgument arg;
    static char* const envp[] = { "ECHO_ARGS_EXPECT=exec-should-have-failed", NULL };
    static StringArgument env;
    arg.characters = path;
    arg.length = strlen(path);
    env.characters = envp[0];
    env.length = strlen(envp[0]);
    SC_execve_params params = { { path, strlen(path) }, { &arg, 1 }, { &env, 1 } };
    expect_raw_errno(name, &params, expected);
}

static void test_argv_envp(void)
{
    char pid_text[16], ppid_text[16];
    /* The child's pid is only known after fork: the child formats it itself. */
    pid_t pid = fork();
    if (pid == 0) {
        data_marker = 99;
        bss_marker = 5;
        snprintf(pid_text, sizeof(pid_text), "%d", getpid());
        snprintf(ppid_text, sizeof(ppid_text), "%d", getppid());
        char* argv[] = { SELF, "--verify-exec", pid_text, ppid_text, "two words", "", "last", NULL };
        char* envp[] = { "A=1", "B=two words", "EMPTY=", NULL };
        execve(SELF, argv, envp);
        _exit(100 + errno);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        kt_fail("argv-envp", "fork/waitpid: %s", kt_errname(errno));
        return;
    }
    kt_check("argv-envp", WIFEXITED(status) && WEXITSTATUS(status) == 0,
        "%s (10-12 argv, 13-15 envp, 16 pid, 17 ppid, 18 memory not fresh, 100+errno: execve failed)",
        kt_describe_status(status));
}

enum { MOST_ARGS = 4092, MOST_ARGS_WIDTH = 15, LONG_PATH_DOTS = 1990 };

/*
 * Runs SELF --verify-many count width with count arguments of width digits
 * each, through path; the child checks them.
 */
static void expect_many_args(const char* name, const char* path, int count, int width)
{
    static char texts[MOST_ARGS][MOST_ARGS_WIDTH + 1];
    static char* argv[4 + MOST_ARGS + 1];
    char count_text[8], width_text[8];
    snprintf(count_text, sizeof(count_text), "%d", count);
    snprintf(width_text, sizeof(width_text), "%d", width);
    argv[0] = SELF;
    argv[1] = "--verify-many";
    argv[2] = count_text;
    argv[3] = width_text;
    for (int i = 0; i < count; i++) {
        snprintf(texts[i], sizeof(texts[i]), "%0*d", width, i);
        argv[4 + i] = texts[i];
    }
    argv[4 + count] = NULL;
    char* envp[] = { NULL };
    expect_success(name, path, argv, envp);
}

static void test_many_args(void)
{
    expect_many_args("many-args", SELF, 200, 3);
    /*
     * The most the kernel takes: 4096 strings filling ARG_MAX, run through
     * a 4000-byte path (it is copied to the new stack too). The initial
     * stack is at its largest, and a second exec must still work.
     */
    static char long_path[4096];
    int at = snprintf(long_path, sizeof(long_path), "/usr/tests/");
    for (int i = 0; i < LONG_PATH_DOTS; i++)
        at += snprintf(long_path + at, sizeof(long_path) - at, "./");
    snprintf(long_path + at, sizeof(long_path) - at, "test-exec");
    expect_many_args("most-args-long-path", long_path, MOST_ARGS, MOST_ARGS_WIDTH);
    expect_many_args("most-args-long-path-again", long_path, MOST_ARGS, MOST_ARGS_WIDTH);
    expect_many_args("many-args-after-most", SELF, 200, 3);
}

static void test_echo_and_scripts(void)
{
    char* argv[] = { "/bin/echo-args", "one", "two words", NULL };
    char* envp[] = { "ECHO_ARGS_EXPECT=/bin/echo-args|one|two words", "ECHO_ARGS_ENVC=2", NULL };
    expect_success("echo-args", "/bin/echo-args", argv, envp);

    char* script_argv[] = { "/usr/tests/fixtures/script-hello", "x", NULL };
    char* script_envp[] = { "ECHO_ARGS_EXPECT=/bin/echo-args|from-script|/usr/tests/fixtures/script-hello|x", NULL };
    expect_success("shebang", "/usr/tests/fixtures/script-hello", script_argv, script_envp);

    /* argv[0] is replaced by the script path even when it differs. */
    char* renamed_argv[] = { "whatever", "x", NULL };
    expect_success("shebang-drops-argv0", "/usr/tests/fixtures/script-hello", renamed_argv, script_envp);

    char* nested_argv[] = { "/usr/tests/fixtures/script-nested", "y", NULL };
    char* nested_envp[] = { "ECHO_ARGS_EXPECT=/bin/echo-args|from-script|/usr/tests/fixtures/script-hello|/usr/tests/fixtures/script-nested|y", NULL };
    expect_success("shebang-nested-2-levels", "/usr/tests/fixtures/script-nested", nested_argv, nested_envp);

    expect_errno("shebang-3-levels-eloop", "/usr/tests/fixtures/script-deep", ELOOP);
}

static void test_path_errors(void)
{
    expect_errno("enoent", "/bin/no-such-program", ENOENT);
    expect_errno("enoent-directory", "/no-such-directory/program", ENOENT);
    expect_errno("enotdir", "/bin/echo-args/x", ENOTDIR);
    expect_errno("eacces-directory", "/bin", EACCES);
    expect_errno("eacces-no-exec-permission", "/usr/tests/fixtures/no-exec-perm", EACCES);
    expect_errno("enoexec-text-file", "/usr/tests/fixtures/not-elf", ENOEXEC);
    expect_errno("enoexec-shorter-than-3-bytes", "/usr/tests/fixtures/tiny", ENOEXEC);

    SC_execve_params params = { { "/bin/echo-args", 0 }, { NULL, 0 }, { NULL, 0 } };
    expect_raw_errno("einval-empty-path", &params, EINVAL);

    static char long_path[PATH_MAX + 2];
    memset(long_path, 'a', sizeof(long_path) - 1);
    long_path[0] = '/';
    SC_execve_params too_long = { { long_path, PATH_MAX + 1 }, { NULL, 0 }, { NULL, 0 } };
    expect_raw_errno("enametoolong", &too_long, ENAMETOOLONG);
}

static void test_bad_params(void)
{
    kt_expect_raw_error("efault-params-kernel", syscall1(SC_execve, 0xc0000000u), EFAULT);
    kt_expect_raw_error("efault-params-null", syscall1(SC_execve, 0), EFAULT);
    kt_expect_raw_error("efault-params-ceiling", syscall1(SC_execve, (uintptr_t)BAD_CEILING_PTR(sizeof(SC_execve_params))),
        EFAULT);

    static StringArgument good_args[1] = { { "/bin/echo-args", 14 } };
    SC_execve_params bad_path = { { BAD_KERNEL_PTR, 14 }, { good_args, 1 }, { NULL, 0 } };
    expect_raw_errno("efault-path", &bad_path, EFAULT);

    SC_execve_params bad_list = { { "/bin/echo-args", 14 }, { BAD_KERNEL_PTR, 1 }, { NULL, 0 } };
    expect_raw_errno("efault-argv-list", &bad_list, EFAULT);

    static StringArgument bad_string[1] = { { BAD_KERNEL_PTR, 4 } };
    SC_execve_params bad_arg = { { "/bin/echo-args", 14 }, { bad_string, 1 }, { NULL, 0 } };
    expect_raw_errno("efault-argv-string", &bad_arg, EFAULT);

    SC_execve_params bad_env = { { "/bin/echo-args", 14 }, { good_args, 1 }, { BAD_KERNEL_PTR, 1 } };
    expect_raw_errno("efault-envp-list", &bad_env, EFAULT);

    SC_execve_params bad_env_string = { { "/bin/echo-args", 14 }, { good_args, 1 }, { bad_string, 1 } };
    expect_raw_errno("efault-envp-string", &bad_env_string, EFAULT);

    /* More than ARG_MAX strings: E2BIG before the list is read. */
    SC_execve_params too_many = { { "/bin/echo-args", 14 }, { good_args, ARG_MAX + 1 }, { NULL, 0 } };
    expect_raw_errno("e2big-argv-count", &too_many, E2BIG);
    SC_execve_params too_many_env = { { "/bin/echo-args", 14 }, { good_args, 1 }, { good_args, ARG_MAX + 1 } };
    expect_raw_errno("e2big-envp-count", &too_many_env, E2BIG);
}

enum { ET_EXEC = 2, ET_DYN = 3, TINY_BASE = 0x20000000 };

/*
 * Writes a minimal i386 ELF of type (ET_EXEC or ET_DYN) to path: a
 * read+execute PT_LOAD at base holding the headers and code that calls
 * exit(42), a read+write PT_LOAD of 16 bss bytes at data_address, and,
 * unless interpreter is NULL, a PT_INTERP naming it (interpreter_length
 * bytes, the NUL included). The file's size, or -1 (errno).
 */
static long write_elf(const char* path, uint16_t type, uint32_t base, uint32_t data_address, const char* interpreter,
    uint32_t interpreter_length)
{
    enum { EHDR = 52, PHDR = 32, CODE = EHDR + 3 * PHDR, INTERP = CODE + 12, MAX = INTERP + 256 };
    static uint8_t image[MAX];
    uint32_t size = interpreter ? INTERP + interpreter_length : INTERP;
    if (size > MAX) {
        errno = EINVAL;
        return -1;
    }
    memset(image, 0, sizeof(image));
    memcpy(image, "\x7f" "ELF\1\1\1", 7);
    uint16_t half[] = { type, 3 }; /* EM_386 */
    memcpy(image + 16, half, 4);
    uint32_t word[] = { 1, base + CODE, EHDR, 0, 0 }; /* version, entry, phoff, shoff, flags */
    memcpy(image + 20, word, sizeof(word));
    uint16_t sizes[] = { EHDR, PHDR, interpreter ? 3 : 2, 0, 0, 0 };
    memcpy(image + 40, sizes, sizeof(sizes));
    uint32_t text[] = { 1, 0, base, base, size, size, 5, 4096 };           /* PT_LOAD R+X */
    uint32_t data[] = { 1, 0, data_address, data_address, 0, 16, 6, 4096 }; /* PT_LOAD R+W, bss only */
    uint32_t interp[] = { 3, INTERP, 0, 0, interpreter_length, interpreter_length, 4, 1 }; /* PT_INTERP */
    memcpy(image + EHDR, text, PHDR);
    memcpy(image + EHDR + PHDR, data, PHDR);
    memcpy(image + EHDR + 2 * PHDR, interp, PHDR);
    /* mov eax, SC_exit; mov edx, 42; int 0x82 */
    uint8_t code[12] = { 0xb8, SC_exit, 0, 0, 0, 0xba, 42, 0, 0, 0, 0xcd, 0x82 };
    memcpy(image + CODE, code, sizeof(code));
    if (interpreter)
        memcpy(image + INTERP, interpreter, interpreter_length);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, image, size);
    close(fd);
    return n == (ssize_t)size ? (long)size : -1;
}

/* A static ET_EXEC at TINY_BASE with its data at data_address; 0 or -1. */
static int write_tiny_elf(const char* path, uint32_t data_address)
{
    return write_elf(path, ET_EXEC, TINY_BASE, data_address, NULL, 0) < 0 ? -1 : 0;
}

/*
 * execve of ET_DYN files and of files with a PT_INTERP, as the reference:
 * a static PIE (every address relative to 0) runs at a load offset; a
 * program naming an interpreter starts the interpreter, which gets the
 * program as AT_EXECFD and its entry as AT_ENTRY; a missing interpreter is
 * ENOENT, one that is not an ELF file or names an interpreter itself is
 * ENOEXEC, a malformed PT_INTERP path is ENOEXEC.
 */
static void test_pie_and_interpreter(void)
{
    const char* path = "/tmp/test-exec-pie";
    char* argv[] = { (char*)path, NULL };
    char* envp[] = { NULL };
    int status = write_elf(path, ET_DYN, 0, 0x2000, NULL, 0) < 0 ? -1 : run_exec(path, argv, envp);
    kt_check("et-dyn-runs-at-a-load-offset", status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 42, "%s",
        status < 0 ? "write or fork failed" : kt_describe_status(status));

    const char interpreter[] = "/bin/echo-args";
    long size = write_elf(path, ET_EXEC, TINY_BASE, TINY_BASE + 0x2000, interpreter, sizeof(interpreter));
    char expected[64];
    snprintf(expected, sizeof(expected), "ECHO_ARGS_EXECFD=%ld", size);
    char* interpreter_envp[] = { expected, "ECHO_ARGS_EXPECT=/tmp/test-exec-pie|one", NULL };
    char* interpreter_argv[] = { (char*)path, "one", NULL };
    status = size < 0 ? -1 : run_exec(path, interpreter_argv, interpreter_envp);
    kt_check("pt-interp-runs-the-interpreter-with-the-program-as-execfd",
        status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s (1: argv, 3: AT_EXECFD/AT_ENTRY)",
        status < 0 ? "write or fork failed" : kt_describe_status(status));

    const char missing[] = "/usr/lib/missing-loader.so";
    write_elf(path, ET_EXEC, TINY_BASE, TINY_BASE + 0x2000, missing, sizeof(missing));
    expect_errno("pt-interp-missing-enoent", path, ENOENT);
    const char not_elf[] = "/usr/tests/fixtures/script-hello";
    write_elf(path, ET_EXEC, TINY_BASE, TINY_BASE + 0x2000, not_elf, sizeof(not_elf));
    expect_errno("pt-interp-not-elf-enoexec", path, ENOEXEC);
    const char chained[] = "/tmp/test-exec-pie-loader";
    write_elf(chained, ET_DYN, 0, 0x2000, interpreter, sizeof(interpreter));
    write_elf(path, ET_EXEC, TINY_BASE, TINY_BASE + 0x2000, chained, sizeof(chained));
    expect_errno("pt-interp-of-an-interpreter-enoexec", path, ENOEXEC);
    write_elf(path, ET_EXEC, TINY_BASE, TINY_BASE + 0x2000, interpreter, sizeof(interpreter) - 1); /* no NUL */
    expect_errno("pt-interp-unterminated-enoexec", path, ENOEXEC);
    unlink(chained);
    unlink(path);
}

/*
 * Two PT_LOAD segments may not share a page: one page cannot have both
 * protections. Such a file is ENOEXEC, and refusing it takes nothing: free
 * memory is the same after 20 tries. The same file with the data on its
 * own page runs.
 */
static void test_overlapping_segments(void)
{
    const char* path = "/tmp/test-exec-overlap";
    char* argv[] = { (char*)path, NULL };
    char* envp[] = { NULL };
    if (write_tiny_elf(path, 0x20002000u) < 0) {
        kt_fail("crafted-elf-runs", "write: %s", kt_errname(errno));
        return;
    }
    int status = run_exec(path, argv, envp);
    kt_check("crafted-elf-runs", status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 42, "%s",
        status < 0 ? "fork/waitpid failed" : kt_describe_status(status));
    if (write_tiny_elf(path, 0x20000800u) < 0) {
        kt_fail("enoexec-two-segments-on-one-page", "write: %s", kt_errname(errno));
        return;
    }
    expect_errno("enoexec-two-segments-on-one-page", path, ENOEXEC);
    kt_mem_free_kib();
    long before = kt_mem_free_kib();
    for (int i = 0; i < 20; i++)
        run_exec(path, argv, envp);
    long after = kt_mem_free_kib();
    kt_check("refused-elf-takes-no-memory", before == after, "MemFree %ld kB before 20 execs, %ld kB after", before, after);
    unlink(path);
}

/* EDX of CPUID leaf 1, as the kernel reports it in AT_HWCAP. */
static unsigned long cpu_features(void)
{
    unsigned long a = 1, b, c = 0, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return d;
}

/* The auxiliary vector this program was started with: the reference's entries and values. */
static void test_auxv(void)
{
    kt_check("auxv-pagesz", getauxval(AT_PAGESZ) == 4096, "%lu", getauxval(AT_PAGESZ));
    kt_check("auxv-hwcap-is-cpuid-edx", getauxval(AT_HWCAP) == cpu_features(), "%#lx, cpuid %#lx",
        getauxval(AT_HWCAP), cpu_features());
    long tick = sysconf(_SC_CLK_TCK);
    kt_check("auxv-clktck-is-the-tick-rate", tick >= 990 && tick <= 1010 && getauxval(AT_CLKTCK) == (unsigned long)tick,
        "AT_CLKTCK %lu, sysconf %ld", getauxval(AT_CLKTCK), tick);
    kt_check("auxv-execfd-none", getauxval(AT_EXECFD) == (unsigned long)-1, "%ld", (long)getauxval(AT_EXECFD));
    const char* platform = (const char*)getauxval(AT_PLATFORM);
    kt_check("auxv-platform", platform && strcmp(platform, "i386") == 0, "%s", platform ? platform : "(none)");
    kt_check("auxv-uid", getauxval(AT_UID) == getuid() && getauxval(AT_EUID) == geteuid(), "%lu %lu",
        getauxval(AT_UID), getauxval(AT_EUID));
    errno = 0;
    kt_check("auxv-unknown-enoent", getauxval(1000) == 0 && errno == ENOENT, "errno %s", kt_errname(errno));
}

int main(int argc, char** argv, char** envp)
{
    if (argc >= 2 && strcmp(argv[1], "--verify-exec") == 0)
        return verify_exec(argc, argv, envp);
    if (argc >= 2 && strcmp(argv[1], "--verify-many") == 0)
        return verify_many(argc, argv);

    kt_begin("test-exec");
    test_auxv();
    test_argv_envp();
    test_many_args();
    test_echo_and_scripts();
    test_path_errors();
    test_bad_params();
    test_overlapping_segments();
    test_pie_and_interpreter();
    return kt_finish();
}
