/*
 * /bin/crash -X: the reference's fault-injection tool. `crash -X` runs
 * scenario X in this process (which should then die of the signal named
 * below); `crash -A` runs every scenario in a forked child (made
 * non-dumpable first) and prints one line each:
 *   crash -X: <what it does>: PASS (<signal>)
 *   crash -X: <what it does>: FAIL (expected <signal>, <what happened>)
 *   crash -X: <what it does>: PENDING (needs <feature>; <what happened>)
 * A PENDING scenario expects a kernel feature this system does not have yet
 * (NX, and UMIP on a processor without it): it is reported, never
 * counted as passed. -A exits with the number of FAIL lines.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <syscall.h>
#include <unistd.h>

#define PAGE 4096u

typedef void (*scenario_fn)(void);

struct scenario {
    char flag;
    const char* what;
    int signal;          /* the signal the reference kills the process with */
    const char* pending; /* the feature it needs that this system lacks, or NULL */
    scenario_fn run;
};

static void* map_page(int prot, int flags)
{
    void* page = mmap(NULL, PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
    if (page == MAP_FAILED) {
        perror("crash: mmap");
        exit(120);
    }
    return page;
}

static void write_null(void)
{
    *(volatile uint32_t*)NULL = 0xbeef;
}

static void divide_by_zero(void)
{
    volatile int zero = 0, numerator = 7; /* gcc turns 1 / x into a compare: no division */
    volatile int result = numerator / zero;
    (void)result;
}

static void illegal_instruction(void)
{
    __asm__ volatile("ud2");
}

static void call_abort(void)
{
    abort();
}

/* malloc fills new blocks with 0xdc: the pointer read from one is 0xdcdcdcdc. */
static void read_uninitialized_malloc(void)
{
    uint32_t** block = malloc(sizeof(uint32_t*) * 8);
    volatile uint32_t value = *block[4];
    (void)value;
}

static void write_uninitialized_malloc(void)
{
    uint32_t** block = malloc(sizeof(uint32_t*) * 8);
    *block[4] = 1;
}

/* free fills freed blocks with 0xed: a stale pointer read from one is 0xedededed. */
static uint32_t** freed_block(void)
{
    uint32_t** volatile block = malloc(sizeof(uint32_t*) * 8);
    memset(block, 0, sizeof(uint32_t*) * 8);
    free(block);
    return block;
}

static void read_freed_memory(void)
{
    uint32_t** block = freed_block();
    volatile uint32_t value = block[4][0];
    (void)value;
}

static void write_freed_memory(void)
{
    uint32_t** block = freed_block();
    block[4][0] = 1;
}

static void write_read_only(void)
{
    volatile uint8_t* page = map_page(PROT_READ | PROT_WRITE, 0);
    page[0] = 42;
    if (mprotect((void*)page, PAGE, PROT_READ) < 0 || page[0] != 42) {
        perror("crash: mprotect");
        exit(121);
    }
    page[0] = 43;
}

/* Calls getuid with esp at top; returns what it returned (esp restored). */
static uint32_t getuid_on_stack(uintptr_t top)
{
    uint32_t result;
    __asm__ volatile(
        "mov %%esp, %%esi\n\t"
        "mov %1, %%esp\n\t"
        "mov %2, %%eax\n\t"
        "int $0x82\n\t"
        "mov %%esi, %%esp\n\t"
        : "=a"(result) : "r"(top), "i"(SC_getuid) : "esi", "memory");
    return result;
}

static void syscall_with_bad_stack(void)
{
    uint8_t* stack = map_page(PROT_READ | PROT_WRITE, MAP_STACK);
    if (getuid_on_stack((uintptr_t)stack + PAGE) != (uint32_t)getuid()) {
        fprintf(stderr, "crash: getuid on a MAP_STACK stack failed\n");
        exit(122);
    }
    uint8_t* heap = map_page(PROT_READ | PROT_WRITE, 0);
    getuid_on_stack((uintptr_t)heap + PAGE);
}

static void push_with_bad_stack(void)
{
    uint8_t* heap = map_page(PROT_READ | PROT_WRITE, 0);
    __asm__ volatile(
        "mov %%esp, %%esi\n\t"
        "mov %0, %%esp\n\t"
        "push $1\n\t"
        "mov %%esi, %%esp\n\t"
        : : "r"((uintptr_t)heap + PAGE) : "esi", "memory");
}

/* mov eax, SC_getuid; int 0x82; ret */
static const uint8_t getuid_code[] = { 0xb8, SC_getuid, 0, 0, 0, 0xcd, 0x82, 0xc3 };

static void execute_stack(void)
{
    volatile uint8_t code[sizeof(getuid_code)];
    for (size_t i = 0; i < sizeof(getuid_code); i++)
        code[i] = getuid_code[i];
    ((void (*)(void))(uintptr_t)code)();
}

static void execute_writable_memory(void)
{
    uint8_t* page = map_page(PROT_READ | PROT_WRITE, 0);
    page[0] = 0xc3; /* ret */
    ((void (*)(void))(uintptr_t)page)();
}

static void store_task_register(void)
{
    uint32_t selector;
    __asm__ volatile("str %0" : "=r"(selector));
}

static void read_keyboard_port(void)
{
    uint8_t value;
    __asm__ volatile("inb $0x64, %0" : "=a"(value));
}

static void read_time_stamp_counter(void)
{
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
}

static void pledge_then_write(void)
{
    if (pledge("", NULL) < 0) {
        perror("crash: pledge");
        exit(123);
    }
    write(1, "crash: wrote without the stdio promise\n", 39);
}

static void failed_assertion(void)
{
    volatile int one = 1;
    if (one != 2)
        abort(); /* what VERIFY(1 == 2) does */
}

struct object {
    void (*method)(struct object*);
};

static void null_object_call(void)
{
    struct object* volatile object = NULL;
    object->method(object);
}

static const struct scenario scenarios[] = {
    { 's', "write to a null pointer", SIGSEGV, NULL, write_null },
    { 'd', "integer divide by zero", SIGFPE, NULL, divide_by_zero },
    { 'i', "ud2", SIGILL, NULL, illegal_instruction },
    { 'a', "abort()", SIGABRT, NULL, call_abort },
    { 'm', "read through a pointer from uninitialized malloc memory", SIGSEGV, NULL, read_uninitialized_malloc },
    { 'f', "read through a pointer from freed memory", SIGSEGV, NULL, read_freed_memory },
    { 'M', "write through a pointer from uninitialized malloc memory", SIGSEGV, NULL, write_uninitialized_malloc },
    { 'F', "write through a pointer from freed memory", SIGSEGV, NULL, write_freed_memory },
    { 'r', "write to memory made read-only with mprotect", SIGSEGV, NULL, write_read_only },
    { 'T', "syscall with esp on a MAP_STACK page, then on an ordinary page", SIGSTKFLT, NULL, syscall_with_bad_stack },
    { 't', "push with esp on an ordinary page", SIGSTKFLT, NULL, push_with_bad_stack },
    { 'S', "execute a syscall from a stack buffer", SIGSEGV, NULL, execute_stack },
    { 'X', "execute a ret written into an RW anonymous page", SIGSEGV, "NX (PAE paging)", execute_writable_memory },
    { 'U', "str from ring 3", SIGSEGV, "UMIP", store_task_register },
    { 'I', "in from the keyboard port", SIGSEGV, NULL, read_keyboard_port },
    { 'c', "rdtsc from ring 3", SIGSEGV, NULL, read_time_stamp_counter },
    { 'p', "pledge(\"\") then write", SIGABRT, NULL, pledge_then_write },
    { 'n', "a failed assertion", SIGABRT, NULL, failed_assertion },
    { 'R', "call through a null object pointer", SIGSEGV, NULL, null_object_call },
};

#define SCENARIO_COUNT (sizeof(scenarios) / sizeof(scenarios[0]))

/* "SIGSEGV", "signal 40", ... */
static const char* signal_name(int sig, char* buffer, size_t size)
{
    static const struct { int number; const char* name; } names[] = {
        { SIGILL, "SIGILL" }, { SIGABRT, "SIGABRT" }, { SIGFPE, "SIGFPE" }, { SIGSEGV, "SIGSEGV" },
        { SIGSTKFLT, "SIGSTKFLT" }, { SIGBUS, "SIGBUS" }, { SIGTRAP, "SIGTRAP" }, { SIGKILL, "SIGKILL" },
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].number == sig)
            return names[i].name;
    snprintf(buffer, size, "signal %d", sig);
    return buffer;
}

/* Runs s in a non-dumpable child and prints its line; 1 when it is a FAIL. */
static int run_in_child(const struct scenario* s)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        prctl(PR_SET_DUMPABLE, 0, 0);
        s->run();
        _exit(0);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        printf("crash -%c: %s: FAIL (fork or waitpid failed)\n", s->flag, s->what);
        return 1;
    }
    char expected_buffer[16], got_buffer[16], happened[48];
    const char* expected = signal_name(s->signal, expected_buffer, sizeof(expected_buffer));
    if (WIFSIGNALED(status))
        snprintf(happened, sizeof(happened), "got %s", signal_name(WTERMSIG(status), got_buffer, sizeof(got_buffer)));
    else
        snprintf(happened, sizeof(happened), "did not crash: exit %d", WEXITSTATUS(status));
    int passed = WIFSIGNALED(status) && WTERMSIG(status) == s->signal;
    if (s->pending && !passed) {
        printf("crash -%c: %s: PENDING (needs %s; %s)\n", s->flag, s->what, s->pending, happened);
        return 0;
    }
    if (passed)
        printf("crash -%c: %s: PASS (%s)\n", s->flag, s->what, expected);
    else
        printf("crash -%c: %s: FAIL (expected %s, %s)\n", s->flag, s->what, expected, happened);
    return passed ? 0 : 1;
}

__attribute__((noreturn)) static void usage(void)
{
    fprintf(stderr, "usage: crash -A | crash -X, where X is one of:\n");
    for (size_t i = 0; i < SCENARIO_COUNT; i++)
        fprintf(stderr, "  -%c  %s\n", scenarios[i].flag, scenarios[i].what);
    exit(2);
}

int main(int argc, char** argv)
{
    if (argc != 2 || argv[1][0] != '-' || argv[1][1] == '\0' || argv[1][2] != '\0')
        usage();
    char flag = argv[1][1];
    if (flag == 'A') {
        int failures = 0;
        for (size_t i = 0; i < SCENARIO_COUNT; i++)
            failures += run_in_child(&scenarios[i]);
        return failures;
    }
    for (size_t i = 0; i < SCENARIO_COUNT; i++) {
        if (scenarios[i].flag == flag) {
            scenarios[i].run();
            fprintf(stderr, "crash: -%c did not crash\n", flag);
            return 1;
        }
    }
    usage();
}
