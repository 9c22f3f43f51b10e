/*
 * Threads: the thread syscalls and their errors, TLS, futexes, the pthread
 * library, and the reference's thread race cases (a read or a select while
 * another thread closes the fd, a joined thread dying of SIGILL, a
 * nanosleep whose remaining-time buffer another thread unmapped, kill()
 * given a tid). Cases that end a process run in a forked child.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <serenity.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <syscall.h>
#include <time.h>
#include <unistd.h>

#include "ktest.h"

static long long now_ns(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/*
 * Timing cases measure five tries: none may end early, and the median must
 * be within the bound (a host that stalls the emulator now and then makes
 * single tries late that the kernel did not make late).
 */
#define TRIES 5

static long long median(long long* values)
{
    for (int i = 1; i < TRIES; i++)
        for (int j = i; j > 0 && values[j - 1] > values[j]; j--) {
            long long swap = values[j];
            values[j] = values[j - 1];
            values[j - 1] = swap;
        }
    return values[TRIES / 2];
}

static void add_ms(struct timespec* ts, long ms)
{
    ts->tv_nsec += ms * 1000000L;
    while (ts->tv_nsec >= 1000000000) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000;
    }
}

/* The calling process's live thread count, from /proc/self/status. */
static int thread_count(void)
{
    FILE* f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[128];
    int count = -1;
    while (fgets(line, sizeof(line), f))
        if (strncmp(line, "Threads:", 8) == 0)
            count = atoi(line + 8);
    fclose(f);
    return count;
}

/* --- pthread basics --- */

static void* return_argument(void* argument)
{
    return (char*)argument + 1;
}

static void test_join_returns_values(void)
{
    pthread_t threads[4];
    int ok = 1;
    for (int i = 0; i < 4; i++)
        ok &= pthread_create(&threads[i], NULL, return_argument, (void*)(uintptr_t)(100 * i)) == 0;
    for (int i = 0; i < 4; i++) {
        void* value = NULL;
        ok &= pthread_join(threads[i], &value) == 0 && value == (void*)(uintptr_t)(100 * i + 1);
    }
    kt_check("join-returns-values", ok, "a join gave a wrong value");
}

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile long counter;

static void* count_up(void* argument)
{
    (void)argument;
    for (int i = 0; i < 100000; i++) {
        pthread_mutex_lock(&counter_lock);
        counter++;
        pthread_mutex_unlock(&counter_lock);
    }
    return NULL;
}

static void test_mutex_counter(void)
{
    pthread_t threads[8];
    counter = 0;
    for (int i = 0; i < 8; i++)
        pthread_create(&threads[i], NULL, count_up, NULL);
    for (int i = 0; i < 8; i++)
        pthread_join(threads[i], NULL);
    kt_check("mutex-8x100000", counter == 800000, "counter %ld, not 800000", counter);
}

static pthread_mutex_t ping_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ping_cond = PTHREAD_COND_INITIALIZER;
static int ping_turn; /* 0: main's turn, 1: the other's */
static int ping_rounds;

static void* pong(void* argument)
{
    (void)argument;
    pthread_mutex_lock(&ping_lock);
    for (int i = 0; i < 1000; i++) {
        while (ping_turn != 1)
            pthread_cond_wait(&ping_cond, &ping_lock);
        ping_rounds++;
        ping_turn = 0;
        pthread_cond_signal(&ping_cond);
    }
    pthread_mutex_unlock(&ping_lock);
    return NULL;
}

static void test_cond_ping_pong(void)
{
    pthread_t thread;
    ping_turn = 0;
    ping_rounds = 0;
    pthread_create(&thread, NULL, pong, NULL);
    pthread_mutex_lock(&ping_lock);
    for (int i = 0; i < 1000; i++) {
        ping_turn = 1;
        pthread_cond_signal(&ping_cond);
        while (ping_turn != 0)
            pthread_cond_wait(&ping_cond, &ping_lock);
    }
    pthread_mutex_unlock(&ping_lock);
    pthread_join(thread, NULL);
    kt_check("cond-ping-pong", ping_rounds == 1000, "%d rounds", ping_rounds);
}

static void test_cond_timedwait(void)
{
    pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    add_ms(&deadline, 30);
    long long start = now_ns(CLOCK_MONOTONIC);
    pthread_mutex_lock(&lock);
    int rc = pthread_cond_timedwait(&cond, &lock, &deadline);
    int relocked = pthread_mutex_trylock(&lock) == EBUSY;
    pthread_mutex_unlock(&lock);
    long long waited = now_ns(CLOCK_MONOTONIC) - start;
    kt_check("cond-timedwait-etimedout", rc == ETIMEDOUT && relocked && waited >= 29000000LL,
        "rc %d, relocked %d, waited %lld ns", rc, relocked, waited);
}

static __thread int tls_value = 7;
static __thread char tls_buffer[64];

static void* tls_worker(void* argument)
{
    int id = (int)(uintptr_t)argument;
    int fresh = tls_value == 7 && tls_buffer[0] == 0;
    tls_value = id;
    snprintf(tls_buffer, sizeof(tls_buffer), "thread %d", id);
    sched_yield();
    int kept = tls_value == id && atoi(tls_buffer + 7) == id;
    errno = 1000 + id;
    sched_yield();
    kept &= errno == 1000 + id;
    return (void*)(uintptr_t)(fresh && kept);
}

static void test_tls_per_thread(void)
{
    tls_value = 99;
    pthread_t threads[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&threads[i], NULL, tls_worker, (void*)(uintptr_t)(i + 1));
    int ok = 1;
    for (int i = 0; i < 4; i++) {
        void* value;
        pthread_join(threads[i], &value);
        ok &= value == (void*)1;
    }
    kt_check("tls-per-thread", ok && tls_value == 99, "a thread saw another's __thread value or errno (main's %d)", tls_value);
}

static void* short_life(void* argument)
{
    (void)argument;
    return NULL;
}

static void test_detached_leave_nothing(void)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int created = 0;
    for (int i = 0; i < 50; i++) {
        pthread_t thread;
        created += pthread_create(&thread, &attr, short_life, NULL) == 0;
    }
    int count = 0;
    for (int tries = 0; tries < 200 && (count = thread_count()) != 1; tries++)
        usleep(1000);
    kt_check("detached-threads-leave-nothing", created == 50 && count == 1, "created %d, %d threads left", created, count);
}

static void test_create_join_many(void)
{
    int ok = 1;
    for (int i = 0; i < 300 && ok; i++) {
        pthread_t thread;
        ok = pthread_create(&thread, NULL, short_life, NULL) == 0 && pthread_join(thread, NULL) == 0;
    }
    kt_check("create-join-300", ok && thread_count() == 1, "a create or join failed, or threads left");
}

static void* name_self(void* argument)
{
    (void)argument;
    pthread_setname_np(pthread_self(), "worker");
    char name[32];
    pthread_getname_np(pthread_self(), name, sizeof(name));
    return (void*)(uintptr_t)(strcmp(name, "worker") == 0);
}

static void test_thread_names(void)
{
    pthread_t thread;
    void* value;
    pthread_create(&thread, NULL, name_self, NULL);
    pthread_join(thread, &value);
    kt_check("thread-names", value == (void*)1, "the name did not stick");
}

/* --- syscall errors --- */

static void test_create_thread_errors(void)
{
    SC_create_thread_params params;
    memset(&params, 0, sizeof(params));
    kt_expect_raw_error("create-thread-efault-params", syscall2(SC_create_thread, (uintptr_t)short_life, 1), EFAULT);
    params.schedule_priority = 30;
    params.stack_location = (void*)0xfffff000u;
    params.stack_size = 0x2000;
    kt_expect_raw_error("create-thread-eoverflow", syscall2(SC_create_thread, (uintptr_t)short_life, (uintptr_t)&params), EOVERFLOW);
    char* heap = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    params.stack_location = heap;
    params.stack_size = 65536;
    kt_expect_raw_error("create-thread-not-a-stack", syscall2(SC_create_thread, (uintptr_t)short_life, (uintptr_t)&params), EFAULT);
    munmap(heap, 65536);
    char* stack = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    params.stack_location = stack;
    params.schedule_priority = 100;
    kt_expect_raw_error("create-thread-bad-priority", syscall2(SC_create_thread, (uintptr_t)short_life, (uintptr_t)&params), EINVAL);
    munmap(stack, 65536);
}

/* Blocks until a signal ends the process (pause returns only after a handler, and none is set). */
static void __attribute__((noreturn)) sleep_forever(void)
{
    for (;;)
        pause();
}

static void* wait_forever(void* argument)
{
    (void)argument;
    sleep_forever();
}

static volatile uint32_t release_word;

/* Sleeps until release_word becomes 1: a live thread the error cases can name. */
static void* wait_for_release(void* argument)
{
    (void)argument;
    while (release_word == 0)
        futex((uint32_t*)&release_word, FUTEX_WAIT, 0, NULL, NULL, 0);
    return NULL;
}

static void release_waiters(void)
{
    release_word = 1;
    futex((uint32_t*)&release_word, FUTEX_WAKE, 100, NULL, NULL, 0);
}

static void test_join_detach_errors(void)
{
    kt_check("join-self-edeadlk", pthread_join(pthread_self(), NULL) == EDEADLK, "joining itself");
    kt_check("join-unknown-esrch", pthread_join(999999, NULL) == ESRCH, "joining nobody");
    kt_check("join-other-process-esrch", pthread_join(getppid(), NULL) == ESRCH, "joining another process's thread");
    kt_check("detach-unknown-esrch", pthread_detach(999999) == ESRCH, "detaching nobody");
    release_word = 0;
    pthread_t live, detached;
    pthread_create(&live, NULL, wait_for_release, NULL);
    pthread_create(&detached, NULL, wait_for_release, NULL);
    int detach = pthread_detach(detached);
    kt_check("join-detached-einval", detach == 0 && pthread_join(detached, NULL) == EINVAL, "detach %d", detach);
    kt_check("detach-twice-einval", pthread_detach(detached) == EINVAL, "a second detach");
    char name[4];
    kt_check("get-thread-name-enametoolong", pthread_getname_np(live, name, sizeof(name)) == ENAMETOOLONG, "short buffer");
    char long_name[80];
    memset(long_name, 'x', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = 0;
    kt_check("set-thread-name-einval", pthread_setname_np(live, long_name) == EINVAL, "a too long name");
    kt_check("kill-thread-probe", pthread_kill(live, 0) == 0, "probing a live thread");
    kt_check("kill-thread-other-process-esrch", pthread_kill(getppid(), 0) == ESRCH, "a tid of another process");
    release_waiters();
    int rc = (int)syscall2(SC_join_thread, (uintptr_t)live, 1);
    kt_check("join-efault", rc == -EFAULT, "rc %d", rc);
    kt_check("join-after-join-esrch", pthread_join(live, NULL) == ESRCH, "the joined thread is gone");
}

/* /proc/<pid>/threads: one line per live thread, "tid state priority name". */
static void test_proc_threads(void)
{
    for (int tries = 0; tries < 200 && thread_count() != 1; tries++)
        usleep(1000); /* a detached thread of an earlier case may still be on its way out */
    release_word = 0;
    pthread_t thread;
    pthread_create(&thread, NULL, wait_for_release, NULL);
    pthread_setname_np(thread, "lister");
    FILE* f = fopen("/proc/self/threads", "r");
    char line[128];
    int lines = 0, found = 0;
    while (f && fgets(line, sizeof(line), f)) {
        lines++;
        int tid = atoi(line);
        found |= tid == thread && strstr(line, " lister\n") != NULL;
    }
    if (f)
        fclose(f);
    release_waiters();
    pthread_join(thread, NULL);
    kt_check("proc-pid-threads", lines == 2 && found, "%d lines, the named thread %s", lines, found ? "listed" : "missing");
}

static int sigkill_a_thread(void* argument)
{
    (void)argument;
    pthread_t thread;
    pthread_create(&thread, NULL, wait_forever, NULL);
    pthread_kill(thread, SIGKILL);
    sleep_forever();
}

static void test_sigkill_to_thread(void)
{
    int status = kt_run_in_child(sigkill_a_thread, NULL);
    kt_check("sigkill-to-thread-ends-process", status == -1 && WIFSIGNALED(kt_child_status) && WTERMSIG(kt_child_status) == SIGKILL,
        "%s", kt_describe_status(kt_child_status));
}

static void test_allocate_tls_errors(void)
{
    char data[4096];
    kt_expect_raw_error("allocate-tls-size-0", syscall2(SC_allocate_tls, (uintptr_t)data, 0), EINVAL);
    kt_expect_raw_error("allocate-tls-not-page-multiple", syscall2(SC_allocate_tls, (uintptr_t)data, 100), EINVAL);
    kt_expect_raw_error("allocate-tls-eexist", syscall2(SC_allocate_tls, (uintptr_t)data, 4096), EEXIST);
}

static uint32_t futex_word;

static void test_futex_errors(void)
{
    kt_expect_raw_error("futex-efault-params", syscall1(SC_futex, 1), EFAULT);
    futex_word = 5;
    kt_expect_errno("futex-eagain", futex(&futex_word, FUTEX_WAIT, 4, NULL, NULL, 0), EAGAIN);
    kt_expect_errno("futex-unknown-op-enosys", futex(&futex_word, 42, 0, NULL, NULL, 0), ENOSYS);
    kt_expect_errno("futex-realtime-wake-enosys", futex(&futex_word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0), ENOSYS);
    kt_expect_errno("futex-bitset-0-einval", futex(&futex_word, FUTEX_WAIT_BITSET, 5, NULL, NULL, 0), EINVAL);
    kt_expect_errno("futex-wake-bitset-0-einval", futex(&futex_word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0), EINVAL);
    kt_expect_errno("futex-misaligned-einval", futex((uint32_t*)((char*)&futex_word + 1), FUTEX_WAKE, 1, NULL, NULL, 0), EINVAL);
    kt_expect_errno("futex-unmapped-efault", futex((uint32_t*)0x10000000, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT);
    kt_expect_errno("futex-bad-wake-op-einval", futex(&futex_word, FUTEX_WAKE_OP, 1, NULL, &futex_word, 7u << 28), EINVAL);
    struct timespec bad = { 0, 2000000000 };
    kt_expect_errno("futex-bad-timeout-einval", futex(&futex_word, FUTEX_WAIT, 5, &bad, NULL, 0), EINVAL);
    kt_check("futex-wake-nobody", futex(&futex_word, FUTEX_WAKE, 10, NULL, NULL, 0) == 0, "woke someone");
}

/* --- futex operations and timing --- */

/*
 * How late a timed wait ended, as the kernel chose it: the tick that woke
 * it (CLOCK_MONOTONIC_COARSE, read at once after: the last tick counted)
 * minus the deadline. Under QEMU the tick interrupt itself may come late
 * on a busy host; that lateness is the emulator's, and this leaves it out.
 */
static long long kernel_lateness(long long deadline_ns)
{
    return now_ns(CLOCK_MONOTONIC_COARSE) - deadline_ns;
}

static void test_futex_timeout(void)
{
    long long late[TRIES];
    int ok = 1;
    for (int i = 0; i < TRIES; i++) {
        futex_word = 0;
        struct timespec relative = { 0, 10 * 1000000 + i * 300000 };
        long long start = now_ns(CLOCK_MONOTONIC);
        int rc = futex(&futex_word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &relative, NULL, 0);
        late[i] = kernel_lateness(start + relative.tv_nsec);
        ok &= rc == -1 && errno == ETIMEDOUT && now_ns(CLOCK_MONOTONIC) - start >= relative.tv_nsec;
    }
    long long typical = median(late);
    kt_check("futex-relative-timeout", ok && typical <= 2000000LL, "ETIMEDOUT and never early: %d; median %lld ns late (2 ticks allowed)", ok,
        typical);

    ok = 1;
    for (int i = 0; i < TRIES; i++) {
        struct timespec deadline;
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        add_ms(&deadline, 7);
        long long deadline_ns = (long long)deadline.tv_sec * 1000000000LL + deadline.tv_nsec;
        int rc = futex(&futex_word, FUTEX_WAIT_BITSET, 0, &deadline, NULL, FUTEX_BITSET_MATCH_ANY);
        late[i] = kernel_lateness(deadline_ns);
        ok &= rc == -1 && errno == ETIMEDOUT && now_ns(CLOCK_MONOTONIC) >= deadline_ns;
    }
    typical = median(late);
    kt_check("futex-absolute-timeout", ok && typical <= 2000000LL, "ETIMEDOUT and never early: %d; median %lld ns late", ok, typical);
}

static void test_nanosleep_precision(void)
{
    long long over[TRIES];
    int never_short = 1;
    for (int i = 0; i < TRIES; i++) {
        struct timespec request = { 0, 3 * 1000000 + i * 300000 };
        long long start = now_ns(CLOCK_MONOTONIC);
        nanosleep(&request, NULL);
        over[i] = kernel_lateness(start + request.tv_nsec);
        never_short &= now_ns(CLOCK_MONOTONIC) - start >= request.tv_nsec;
    }
    long long typical = median(over);
    kt_check("nanosleep-within-a-tick", never_short && typical <= 1000000LL, "never short: %d; median %lld ns over (one tick allowed)",
        never_short, typical);
}

static volatile uint32_t waker_word;

static void* futex_waker(void* argument)
{
    (void)argument;
    usleep(5000);
    waker_word = 1;
    return (void*)(uintptr_t)futex((uint32_t*)&waker_word, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static void test_futex_wait_wake(void)
{
    waker_word = 0;
    pthread_t thread;
    pthread_create(&thread, NULL, futex_waker, NULL);
    int rc = 0;
    while (waker_word == 0 && rc == 0)
        rc = futex((uint32_t*)&waker_word, FUTEX_WAIT, 0, NULL, NULL, 0);
    void* woken;
    pthread_join(thread, &woken);
    kt_check("futex-wait-wake", waker_word == 1 && (rc == 0 || errno == EAGAIN) && (int)(uintptr_t)woken <= 1, "rc %d woken %d", rc,
        (int)(uintptr_t)woken);
}

static uint32_t requeue_a, requeue_b;
static volatile int requeue_ready;

static void* requeue_waiter(void* argument)
{
    __sync_fetch_and_add(&requeue_ready, 1);
    uint32_t* word = argument;
    futex(word, FUTEX_WAIT, 0, NULL, NULL, 0);
    return NULL;
}

static void test_futex_requeue_and_wake_op(void)
{
    requeue_a = requeue_b = 0;
    requeue_ready = 0;
    pthread_t threads[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&threads[i], NULL, requeue_waiter, &requeue_a);
    while (requeue_ready < 3)
        sched_yield();
    usleep(2000); /* all three are asleep in the kernel */
    int moved = futex(&requeue_a, FUTEX_CMP_REQUEUE, 1, (const struct timespec*)2, &requeue_b, 0);
    int stale = futex(&requeue_a, FUTEX_CMP_REQUEUE, 1, (const struct timespec*)2, &requeue_b, 9);
    int stale_errno = errno;
    int woken_b = futex(&requeue_b, FUTEX_WAKE, 10, NULL, NULL, 0);
    for (int i = 0; i < 3; i++)
        pthread_join(threads[i], NULL);
    kt_check("futex-cmp-requeue", moved == 3 && stale == -1 && stale_errno == EAGAIN && woken_b == 2,
        "cmp_requeue %d, stale %d %s, then woke %d on the second", moved, stale, kt_errname(stale_errno), woken_b);

    requeue_ready = 0;
    requeue_a = requeue_b = 0;
    pthread_create(&threads[0], NULL, requeue_waiter, &requeue_a);
    pthread_create(&threads[1], NULL, requeue_waiter, &requeue_b);
    while (requeue_ready < 2)
        sched_yield();
    usleep(2000);
    /* *b += 5, wake one on a, and one on b when the old *b == 0. */
    uint32_t op = (FUTEX_OP_ADD << 28) | (FUTEX_OP_CMP_EQ << 24) | (5 << 12) | 0;
    int woken = futex(&requeue_a, FUTEX_WAKE_OP, 1, (const struct timespec*)1, &requeue_b, op);
    pthread_join(threads[0], NULL);
    pthread_join(threads[1], NULL);
    kt_check("futex-wake-op", woken == 2 && requeue_b == 5, "woke %d, *b %u", woken, requeue_b);
}

/* --- other pthread objects --- */

static pthread_mutex_t recursive = PTHREAD_RECURSIVE_MUTEX_INITIALIZER;

static void test_mutex_kinds(void)
{
    int ok = pthread_mutex_lock(&recursive) == 0 && pthread_mutex_lock(&recursive) == 0 && pthread_mutex_unlock(&recursive) == 0 &&
        pthread_mutex_unlock(&recursive) == 0 && pthread_mutex_unlock(&recursive) == EPERM;
    kt_check("mutex-recursive", ok, "lock twice, unlock twice, then EPERM");
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_t checked;
    pthread_mutex_init(&checked, &attr);
    ok = pthread_mutex_unlock(&checked) == EPERM && pthread_mutex_lock(&checked) == 0 && pthread_mutex_lock(&checked) == EDEADLK &&
        pthread_mutex_trylock(&checked) == EBUSY && pthread_mutex_unlock(&checked) == 0;
    kt_check("mutex-errorcheck", ok, "EPERM, EDEADLK, EBUSY");
    kt_check("mutexattr-settype-einval", pthread_mutexattr_settype(&attr, 77) == EINVAL, "bad type");
}

static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static volatile int shared_value;

static void* rw_writer(void* argument)
{
    (void)argument;
    for (int i = 0; i < 200; i++) {
        pthread_rwlock_wrlock(&rwlock);
        int v = shared_value;
        sched_yield();
        shared_value = v + 1;
        pthread_rwlock_unlock(&rwlock);
    }
    return NULL;
}

static void test_rwlock(void)
{
    shared_value = 0;
    pthread_t threads[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&threads[i], NULL, rw_writer, NULL);
    int torn = 0;
    for (int i = 0; i < 100; i++) {
        pthread_rwlock_rdlock(&rwlock);
        int before = shared_value;
        sched_yield();
        torn |= shared_value != before;
        pthread_rwlock_unlock(&rwlock);
    }
    for (int i = 0; i < 3; i++)
        pthread_join(threads[i], NULL);
    pthread_rwlock_rdlock(&rwlock);
    int busy = pthread_rwlock_trywrlock(&rwlock);
    pthread_rwlock_unlock(&rwlock);
    kt_check("rwlock", shared_value == 600 && !torn && busy == EBUSY, "value %d, torn %d, trywrlock %d", shared_value, torn, busy);
}

static int once_runs;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void once_routine(void)
{
    once_runs++;
}

static void* call_once(void* argument)
{
    (void)argument;
    pthread_once(&once, once_routine);
    return NULL;
}

static void test_once(void)
{
    pthread_t threads[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&threads[i], NULL, call_once, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
    pthread_once(&once, once_routine);
    kt_check("once", once_runs == 1, "ran %d times", once_runs);
}

static pthread_key_t key;
static volatile int destructed;

static void key_destructor(void* value)
{
    __sync_fetch_and_add(&destructed, (int)(uintptr_t)value);
}

static void* use_key(void* argument)
{
    pthread_setspecific(key, argument);
    return (void*)(uintptr_t)(pthread_getspecific(key) == argument);
}

static void test_keys(void)
{
    destructed = 0;
    int created = pthread_key_create(&key, key_destructor);
    pthread_t a, b;
    void* ra;
    void* rb;
    pthread_create(&a, NULL, use_key, (void*)3);
    pthread_create(&b, NULL, use_key, (void*)4);
    pthread_join(a, &ra);
    pthread_join(b, &rb);
    int main_sees_none = pthread_getspecific(key) == NULL;
    kt_check("keys-with-destructors", created == 0 && ra == (void*)1 && rb == (void*)1 && destructed == 7 && main_sees_none,
        "destructed %d", destructed);
    kt_check("key-delete", pthread_key_delete(key) == 0 && pthread_setspecific(key, (void*)1) == EINVAL, "a deleted key");
}

static pthread_spinlock_t spin;
static volatile long spin_counter;

static void* spin_up(void* argument)
{
    (void)argument;
    for (int i = 0; i < 20000; i++) {
        pthread_spin_lock(&spin);
        spin_counter++;
        pthread_spin_unlock(&spin);
    }
    return NULL;
}

static void test_spinlock(void)
{
    pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
    spin_counter = 0;
    pthread_t threads[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&threads[i], NULL, spin_up, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
    kt_check("spinlock", spin_counter == 80000, "counter %ld", spin_counter);
}

static pthread_barrier_t barrier;
static volatile int before_barrier;

static void* at_barrier(void* argument)
{
    (void)argument;
    __sync_fetch_and_add(&before_barrier, 1);
    int rc = pthread_barrier_wait(&barrier);
    int all_there = before_barrier == 4;
    return (void*)(uintptr_t)((rc == PTHREAD_BARRIER_SERIAL_THREAD ? 2 : 0) | all_there);
}

static void test_barrier(void)
{
    before_barrier = 0;
    pthread_barrier_init(&barrier, NULL, 4);
    pthread_t threads[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&threads[i], NULL, at_barrier, NULL);
    int serial = 0, all = 1;
    for (int i = 0; i < 4; i++) {
        void* value;
        pthread_join(threads[i], &value);
        serial += ((uintptr_t)value & 2) != 0;
        all &= ((uintptr_t)value & 1) != 0;
    }
    kt_check("barrier", serial == 1 && all, "%d serial threads, all there %d", serial, all);
}

static sem_t semaphore;
static volatile int consumed;

static void* consume(void* argument)
{
    (void)argument;
    for (int i = 0; i < 100; i++) {
        sem_wait(&semaphore);
        __sync_fetch_and_add(&consumed, 1);
    }
    return NULL;
}

static void test_semaphore(void)
{
    consumed = 0;
    sem_init(&semaphore, 0, 0);
    pthread_t threads[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&threads[i], NULL, consume, NULL);
    for (int i = 0; i < 200; i++)
        sem_post(&semaphore);
    for (int i = 0; i < 2; i++)
        pthread_join(threads[i], NULL);
    int value = -1;
    sem_getvalue(&semaphore, &value);
    int try_rc = sem_trywait(&semaphore);
    int try_errno = errno;
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    add_ms(&deadline, 5);
    int timed = sem_timedwait(&semaphore, &deadline);
    int timed_errno = errno;
    kt_check("semaphore", consumed == 200 && value == 0 && try_rc == -1 && try_errno == EAGAIN && timed == -1 && timed_errno == ETIMEDOUT,
        "consumed %d, value %d, trywait %s, timedwait %s", consumed, value, kt_errname(try_errno), kt_errname(timed_errno));
}

/* --- monotonic clock from 4 threads --- */

static void* read_clock(void* argument)
{
    (void)argument;
    long long last = 0;
    int backwards = 0;
    for (int i = 0; i < 250000; i++) {
        long long t = now_ns(CLOCK_MONOTONIC);
        backwards += t < last;
        last = t;
    }
    return (void*)(uintptr_t)backwards;
}

static void test_monotonic_from_threads(void)
{
    pthread_t threads[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&threads[i], NULL, read_clock, NULL);
    int backwards = 0;
    for (int i = 0; i < 4; i++) {
        void* value;
        pthread_join(threads[i], &value);
        backwards += (int)(uintptr_t)value;
    }
    kt_check("monotonic-1000000-reads-4-threads", backwards == 0, "went backwards %d times", backwards);
}

/* --- process-wide behaviour --- */

static void* exit_whole_process(void* argument)
{
    (void)argument;
    usleep(2000);
    exit(42);
}

static int exit_from_thread(void* argument)
{
    (void)argument;
    pthread_t thread;
    pthread_create(&thread, NULL, exit_whole_process, NULL);
    sleep_forever();
}

/* The program execve starts counts its own threads: the others must be gone (main's --count-threads). */
static void* exec_from_thread(void* argument)
{
    (void)argument;
    char* argv[] = { "/usr/tests/test-threads", "--count-threads", NULL };
    execv(argv[0], argv);
    return NULL;
}

static int exec_with_threads(void* argument)
{
    (void)argument;
    pthread_t a, b;
    pthread_create(&a, NULL, wait_forever, NULL);
    pthread_create(&b, NULL, exec_from_thread, NULL);
    sleep_forever();
}

static void* fork_from_thread(void* argument)
{
    (void)argument;
    pid_t pid = fork();
    if (pid == 0)
        _exit(thread_count() == 1 ? 0 : 1);
    int status;
    waitpid(pid, &status, 0);
    return (void*)(uintptr_t)(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static int main_exits_last_thread_returns(void* argument)
{
    (void)argument;
    pthread_t thread;
    pthread_create(&thread, NULL, short_life, NULL);
    pthread_exit(NULL); /* the other thread ends too: then the process exits with 0 */
}

static void test_process_wide(void)
{
    int status = kt_run_in_child(exit_from_thread, NULL);
    kt_check("exit-from-thread-ends-all", status == 42, "status %d", status);
    status = kt_run_in_child(exec_with_threads, NULL);
    kt_check("execve-from-thread-ends-others", status == 0, "status %d (%s)", status, kt_describe_status(kt_child_status));
    pthread_t thread;
    void* value;
    release_word = 0;
    pthread_create(&thread, NULL, wait_for_release, NULL);
    pthread_t forker;
    pthread_create(&forker, NULL, fork_from_thread, NULL);
    pthread_join(forker, &value);
    kt_check("fork-copies-only-the-caller", value == (void*)1, "the child had more than one thread");
    release_waiters();
    pthread_join(thread, NULL);
    status = kt_run_in_child(main_exits_last_thread_returns, NULL);
    kt_check("main-pthread-exit-then-last-ends-process", status == 0, "status %d", status);
}

static volatile int handled_by;

static void record_handler(int signal)
{
    (void)signal;
    handled_by = gettid();
}

static void* unblocked_receiver(void* argument)
{
    (void)argument;
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, NULL);
    while (handled_by == 0)
        usleep(1000);
    return NULL;
}

static void test_signal_reaches_unblocking_thread(void)
{
    handled_by = 0;
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = record_handler;
    sigaction(SIGUSR2, &action, NULL);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR2);
    sigset_t old;
    pthread_sigmask(SIG_BLOCK, &block, &old);
    pthread_t thread;
    pthread_create(&thread, NULL, unblocked_receiver, NULL);
    usleep(2000);
    kill(getpid(), SIGUSR2);
    pthread_join(thread, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    kt_check("process-signal-reaches-unblocking-thread", handled_by == thread, "handled by %d, not %d", handled_by, thread);
}

/* --- the reference's race cases --- */

static int race_fds[2];

static void* close_both_soon(void* argument)
{
    (void)argument;
    usleep(5000);
    close(race_fds[0]);
    close(race_fds[1]);
    return NULL;
}

static void test_read_while_closed(void)
{
    pipe(race_fds);
    pthread_t thread;
    pthread_create(&thread, NULL, close_both_soon, NULL);
    char c;
    ssize_t n = read(race_fds[0], &c, 1);
    pthread_join(thread, NULL);
    kt_check("read-while-another-thread-closes", n == 0, "read gave %d (%s)", (int)n, kt_errname(errno));
}

static void test_select_while_closed(void)
{
    pipe(race_fds);
    pthread_t thread;
    pthread_create(&thread, NULL, close_both_soon, NULL);
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(race_fds[0], &readable);
    struct timeval limit = { 2, 0 };
    int rc = select(race_fds[0] + 1, &readable, NULL, NULL, &limit);
    pthread_join(thread, NULL);
    kt_check("select-while-another-thread-closes", rc == 1, "select gave %d (%s)", rc, kt_errname(errno));
}

static void* die_of_sigill(void* argument)
{
    (void)argument;
    usleep(2000);
    __asm__ volatile("ud2");
    return NULL;
}

static int join_a_crashing_thread(void* argument)
{
    (void)argument;
    pthread_t thread;
    pthread_create(&thread, NULL, die_of_sigill, NULL);
    pthread_join(thread, NULL);
    return 0;
}

static void test_join_crashing_thread(void)
{
    int status = kt_run_in_child(join_a_crashing_thread, NULL);
    kt_check("joined-thread-dies-of-sigill", status == -1 && WIFSIGNALED(kt_child_status) && WTERMSIG(kt_child_status) == SIGILL,
        "%s", kt_describe_status(kt_child_status));
}

static struct timespec* remaining_page;

static void ignore_signal(int signal)
{
    (void)signal;
}

static void* unmap_remaining(void* argument)
{
    (void)argument;
    usleep(2000);
    munmap(remaining_page, 4096);
    return NULL;
}

static int nanosleep_buffer_unmapped(void* argument)
{
    (void)argument;
    signal(SIGUSR1, ignore_signal);
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    remaining_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    pthread_t thread;
    pthread_create(&thread, NULL, unmap_remaining, NULL);
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        usleep(10000);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    struct timespec request = { 2, 0 };
    int rc = nanosleep(&request, remaining_page);
    int error = errno;
    waitpid(child, NULL, 0);
    pthread_join(thread, NULL);
    return rc == -1 && (error == EFAULT || error == EINTR) ? 0 : 1;
}

static void test_nanosleep_remaining_unmapped(void)
{
    int status = kt_run_in_child(nanosleep_buffer_unmapped, NULL);
    kt_check("nanosleep-remaining-unmapped", status == 0, "status %d (%s)", status, kt_describe_status(kt_child_status));
}

static int kill_with_tid(void* argument)
{
    (void)argument;
    pthread_t thread;
    pthread_create(&thread, NULL, wait_forever, NULL);
    int by_tid = kill(thread, 0);
    int by_tid_errno = errno;
    int by_pid = kill(getpid(), 0);
    return by_tid == -1 && by_tid_errno == ESRCH && by_pid == 0 ? 0 : 1;
}

static void test_kill_with_tid(void)
{
    int status = kt_run_in_child(kill_with_tid, NULL);
    kt_check("kill-takes-pids-not-tids", status == 0, "status %d", status);
}

int main(int argc, char** argv)
{
    if (argc == 2 && strcmp(argv[1], "--count-threads") == 0)
        return thread_count() == 1 ? 0 : 1;
    kt_begin("test-threads");
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    test_join_returns_values();
    test_mutex_counter();
    test_cond_ping_pong();
    test_cond_timedwait();
    test_tls_per_thread();
    test_detached_leave_nothing();
    test_create_join_many();
    test_thread_names();
    test_create_thread_errors();
    test_join_detach_errors();
    test_proc_threads();
    test_sigkill_to_thread();
    test_allocate_tls_errors();
    test_futex_errors();
    test_futex_timeout();
    test_nanosleep_precision();
    test_futex_wait_wake();
    test_futex_requeue_and_wake_op();
    test_mutex_kinds();
    test_rwlock();
    test_once();
    test_keys();
    test_spinlock();
    test_barrier();
    test_semaphore();
    test_monotonic_from_threads();
    test_signal_reaches_unblocking_thread();
    test_read_while_closed();
    test_select_while_closed();
    test_join_crashing_thread();
    test_nanosleep_remaining_unmapped();
    test_kill_with_tid();
    test_process_wide();
    return kt_finish();
}
