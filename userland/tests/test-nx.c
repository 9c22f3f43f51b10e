/*
 * test-nx: W^X in the page tables. Code written into writable memory (an
 * anonymous RW page, a stack buffer, malloc'd heap, .data) must not run:
 * the call dies of SIGSEGV, as the reference's kernel under PAE with NX.
 * The same bytes run from a file mapping made PROT_READ|PROT_EXEC, and from
 * one made PROT_READ once mprotect adds PROT_EXEC. On a processor without
 * PAE or NX (CPUID, which ring 3 may use, says which) nothing can refuse an
 * instruction fetch from a readable page, so the writable cases then expect
 * the code to run.
 */
#include "ktest.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096u
#define CODE_RESULT 42
#define CODE_FILE "/tmp/test-nx-code"

/* mov eax, CODE_RESULT; ret */
#define CODE_BYTES { 0xb8, CODE_RESULT, 0x00, 0x00, 0x00, 0xc3 }
static const uint8_t code[] = CODE_BYTES;
static uint8_t data_code[] = CODE_BYTES; /* writable: .data */

static int nx;

/* True when the processor has PAE and NX (CPUID 1 EDX bit 6, 0x80000001 EDX bit 20). */
static int cpu_has_nx(void)
{
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1u), "c"(0u));
    if ((d & (1u << 6)) == 0)
        return 0;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000000u), "c"(0u));
    if (a < 0x80000001u)
        return 0;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000001u), "c"(0u));
    return (d & (1u << 20)) != 0;
}

/* In the child: calls the code at arg and exits with what it returned. */
static int call_code(void* arg)
{
    return ((int (*)(void))(uintptr_t)arg)();
}

/* Runs fn(arg) in a child: ran when it exited with CODE_RESULT, refused when SIGSEGV killed it. */
static void expect_run(const char* name, int (*fn)(void*), void* arg, int should_run)
{
    int status = kt_run_in_child(fn, arg);
    int ran = status == CODE_RESULT;
    int refused = status < 0 && WIFSIGNALED(kt_child_status) && WTERMSIG(kt_child_status) == SIGSEGV;
    kt_check(name, should_run ? ran : refused, "expected %s, got %s", should_run ? "the code to run" : "SIGSEGV",
        status >= 0 ? kt_describe_status(status << 8) : kt_describe_status(kt_child_status));
}

/* In the child: copies the code into a stack buffer and calls it there. */
static int call_from_stack(void* arg)
{
    (void)arg;
    uint8_t buffer[16];
    memcpy(buffer, code, sizeof code);
    return call_code(buffer);
}

static void writable_memory(void)
{
    uint8_t* page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    kt_check("anonymous-rw-mapped", page != MAP_FAILED, "mmap: %s", kt_errname(errno));
    if (page == MAP_FAILED)
        return;
    memcpy(page, code, sizeof code);
    expect_run("anonymous-rw-page", call_code, page, !nx);
    munmap(page, PAGE);

    expect_run("stack-buffer", call_from_stack, NULL, !nx);

    uint8_t* heap = malloc(64);
    memcpy(heap, code, sizeof code);
    expect_run("malloc-heap", call_code, heap, !nx);
    free(heap);

    expect_run("data-section", call_code, data_code, !nx);
}

/* Writes the code into CODE_FILE and maps it with protection; NULL on failure (reported). */
static void* map_code_file(const char* name, int protection)
{
    int fd = open(CODE_FILE, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, code, sizeof code) != (ssize_t)sizeof code) {
        kt_fail(name, "cannot write %s: %s", CODE_FILE, kt_errname(errno));
        return NULL;
    }
    void* mapped = mmap(NULL, PAGE, protection, MAP_PRIVATE, fd, 0);
    int error = errno;
    close(fd);
    if (mapped == MAP_FAILED) {
        kt_fail(name, "mmap: %s", kt_errname(error));
        return NULL;
    }
    return mapped;
}

static void executable_mappings(void)
{
    void* rx = map_code_file("file-read-exec", PROT_READ | PROT_EXEC);
    if (rx) {
        expect_run("file-read-exec", call_code, rx, 1);
        munmap(rx, PAGE);
    }
    void* r = map_code_file("file-read-only", PROT_READ);
    if (r) {
        expect_run("file-read-only", call_code, r, !nx);
        kt_check("mprotect-add-exec", mprotect(r, PAGE, PROT_READ | PROT_EXEC) == 0, "mprotect: %s", kt_errname(errno));
        expect_run("file-after-mprotect-exec", call_code, r, 1);
        kt_expect_errno("mprotect-write-exec-refused", mprotect(r, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC), EINVAL);
        munmap(r, PAGE);
    }
    unlink(CODE_FILE);
}

int main(void)
{
    kt_begin("test-nx");
    nx = cpu_has_nx();
    kt_pass(nx ? "processor-has-nx" : "processor-lacks-nx");
    writable_memory();
    executable_mappings();
    return kt_finish();
}
