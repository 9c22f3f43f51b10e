/*
 * POSIX threads over the kernel's threads and futexes (docs/threads.md).
 *
 * A thread's stack is a MAP_STACK mapping; pthread_create puts the start
 * routine, its argument and the stack's bounds at the top, and the kernel
 * starts the thread at __pthread_thread_entry with esp pointing at them. A thread
 * ends through exit_thread, which unmaps its stack (the kernel does it, as
 * the thread is still running on it). pthread_t is the kernel's tid.
 *
 * Mutexes, condition variables, once and semaphores are futex words
 * (0 unlocked, 1 locked, 2 locked with waiters: a futex wake only when
 * someone may sleep). rwlocks and barriers are built on a mutex and
 * condition variables. Keys are a per-thread array of TLS.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <serenity.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <syscall.h>
#include <unistd.h>
#include "thread_impl.h"

static __thread void* own_stack;           /* the mapping pthread_create made, or NULL */
static __thread size_t own_stack_size;
static __thread void* key_values[PTHREAD_KEYS_MAX];

#define INT_MAX_WAKE 0x7fffffff

/* --- threads --- */

int pthread_equal(pthread_t a, pthread_t b)
{
    return a == b;
}

/* What pthread_create leaves at the top of a new thread's stack: __pthread_main's arguments. */
struct start_block {
    void* (*start)(void*);
    void* argument;
    void* stack;
    size_t stack_size;
};

void __pthread_main(void* (*start)(void*), void* argument, void* stack, size_t stack_size) __attribute__((noreturn, used));

/* The kernel starts a thread here with esp at its start_block (16-aligned): the block is __pthread_main's arguments. */
__asm__(".text\n"
        ".globl __pthread_thread_entry\n"
        "__pthread_thread_entry:\n"
        "    xorl %ebp, %ebp\n"
        "    call __pthread_main\n"
        "    ud2\n");
void __pthread_thread_entry(void);

void __pthread_main(void* (*start)(void*), void* argument, void* stack, size_t stack_size)
{
    own_stack = stack;
    own_stack_size = stack_size;
    pthread_exit(start(argument));
}

int pthread_create(pthread_t* thread, const pthread_attr_t* attr, void* (*start)(void*), void* argument)
{
    pthread_attr_t defaults;
    if (!attr) {
        pthread_attr_init(&defaults);
        attr = &defaults;
    }
    size_t size = attr->stack_size;
    char* stack = attr->stack_address;
    int owned = stack == NULL;
    if (owned) {
        stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
        if (stack == MAP_FAILED)
            return EAGAIN;
    }
    uintptr_t top = ((uintptr_t)stack + size - sizeof(struct start_block)) & ~(uintptr_t)15;
    struct start_block* block = (struct start_block*)top;
    block->start = start;
    block->argument = argument;
    block->stack = owned ? stack : NULL;
    block->stack_size = owned ? size : 0;

    SC_create_thread_params params;
    memset(&params, 0, sizeof(params));
    params.detach_state = attr->detach_state;
    params.schedule_priority = attr->priority;
    params.guard_page_size = attr->guard_size;
    params.stack_location = stack;
    params.stack_size = top - (uintptr_t)stack;
    __libc_threaded = 1;
    int rc = (int)syscall2(SC_create_thread, (uintptr_t)__pthread_thread_entry, (uintptr_t)&params);
    if (rc < 0) {
        if (owned)
            munmap(stack, size);
        return -rc;
    }
    *thread = rc;
    return 0;
}

/* Runs the destructors of the calling thread's keys, as POSIX has it: repeatedly while values remain. */
static void run_key_destructors(void);

void pthread_exit(void* value)
{
    run_key_destructors();
    syscall3(SC_exit_thread, (uintptr_t)value, (uintptr_t)own_stack, own_stack_size);
    __builtin_unreachable();
}

int pthread_join(pthread_t thread, void** value)
{
    int rc = (int)syscall2(SC_join_thread, (uintptr_t)thread, (uintptr_t)value);
    return rc < 0 ? -rc : 0;
}

int pthread_detach(pthread_t thread)
{
    int rc = (int)syscall1(SC_detach_thread, (uintptr_t)thread);
    return rc < 0 ? -rc : 0;
}

int pthread_kill(pthread_t thread, int signal)
{
    int rc = (int)syscall2(SC_kill_thread, (uintptr_t)thread, (uintptr_t)signal);
    return rc < 0 ? -rc : 0;
}

int pthread_sigmask(int how, const sigset_t* set, sigset_t* old)
{
    return sigprocmask(how, set, old) < 0 ? errno : 0;
}

int pthread_setname_np(pthread_t thread, const char* name)
{
    if (!name)
        return EFAULT;
    int rc = (int)syscall3(SC_set_thread_name, (uintptr_t)thread, (uintptr_t)name, strlen(name));
    return rc < 0 ? -rc : 0;
}

int pthread_getname_np(pthread_t thread, char* buffer, size_t size)
{
    int rc = (int)syscall3(SC_get_thread_name, (uintptr_t)thread, (uintptr_t)buffer, size);
    return rc < 0 ? -rc : 0;
}

int pthread_getschedparam(pthread_t thread, int* policy, struct sched_param* param)
{
    if (sched_getparam(thread, param) < 0)
        return errno;
    *policy = SCHED_OTHER;
    return 0;
}

int pthread_setschedparam(pthread_t thread, int policy, const struct sched_param* param)
{
    (void)policy; /* every policy is the kernel's round robin */
    return sched_setparam(thread, param) < 0 ? errno : 0;
}

int pthread_setcancelstate(int state, int* old)
{
    if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
        return EINVAL;
    if (old)
        *old = PTHREAD_CANCEL_ENABLE; /* there is no cancellation: the state never matters */
    return 0;
}

/* --- attributes --- */

/* The pshared setters: PTHREAD_PROCESS_PRIVATE or _SHARED into *field, else EINVAL. */
static int set_shared(int* field, int shared)
{
    if (shared != PTHREAD_PROCESS_PRIVATE && shared != PTHREAD_PROCESS_SHARED)
        return EINVAL;
    *field = shared;
    return 0;
}

/* The mutex and condition variable attributes of an object built on them (rwlocks, barriers). */
static void inner_attributes(int shared, pthread_mutexattr_t* mutex_attr, pthread_condattr_t* cond_attr)
{
    pthread_mutexattr_init(mutex_attr);
    pthread_condattr_init(cond_attr);
    mutex_attr->shared = shared;
    cond_attr->shared = shared;
}

int pthread_attr_init(pthread_attr_t* attr)
{
    attr->detach_state = PTHREAD_CREATE_JOINABLE;
    attr->stack_size = PTHREAD_STACK_DEFAULT;
    attr->stack_address = NULL;
    attr->guard_size = 4096;
    attr->priority = THREAD_PRIORITY_NORMAL;
    return 0;
}

int pthread_attr_destroy(pthread_attr_t* attr)
{
    (void)attr;
    return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t* attr, int* state)
{
    *state = attr->detach_state;
    return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t* attr, int state)
{
    if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
        return EINVAL;
    attr->detach_state = state;
    return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t* attr, size_t* size)
{
    *size = attr->stack_size;
    return 0;
}

int pthread_attr_setstacksize(pthread_attr_t* attr, size_t size)
{
    if (size < PTHREAD_STACK_MIN)
        return EINVAL;
    attr->stack_size = size;
    return 0;
}

int pthread_attr_getstack(const pthread_attr_t* attr, void** address, size_t* size)
{
    *address = attr->stack_address;
    *size = attr->stack_size;
    return 0;
}

int pthread_attr_setstack(pthread_attr_t* attr, void* address, size_t size)
{
    if (size < PTHREAD_STACK_MIN)
        return EINVAL;
    attr->stack_address = address;
    attr->stack_size = size;
    return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t* attr, size_t* size)
{
    *size = attr->guard_size;
    return 0;
}

int pthread_attr_setguardsize(pthread_attr_t* attr, size_t size)
{
    attr->guard_size = size;
    return 0;
}

int pthread_attr_getschedparam(const pthread_attr_t* attr, struct sched_param* param)
{
    param->sched_priority = attr->priority;
    return 0;
}

int pthread_attr_setschedparam(pthread_attr_t* attr, const struct sched_param* param)
{
    if (param->sched_priority < THREAD_PRIORITY_MIN || param->sched_priority > THREAD_PRIORITY_MAX)
        return EINVAL;
    attr->priority = param->sched_priority;
    return 0;
}

/* --- mutexes --- */

int pthread_mutexattr_init(pthread_mutexattr_t* attr)
{
    attr->type = PTHREAD_MUTEX_DEFAULT;
    attr->shared = PTHREAD_PROCESS_PRIVATE;
    return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t* attr)
{
    (void)attr;
    return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t* attr, int* type)
{
    *type = attr->type;
    return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t* attr, int type)
{
    if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE && type != PTHREAD_MUTEX_ERRORCHECK)
        return EINVAL;
    attr->type = type;
    return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t* attr, int* shared)
{
    *shared = attr->shared;
    return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t* attr, int shared)
{
    return set_shared(&attr->shared, shared);
}

int pthread_mutex_init(pthread_mutex_t* mutex, const pthread_mutexattr_t* attr)
{
    mutex->word = 0;
    mutex->owner = 0;
    mutex->depth = 0;
    mutex->type = attr ? attr->type : PTHREAD_MUTEX_DEFAULT;
    mutex->shared = attr ? attr->shared : PTHREAD_PROCESS_PRIVATE;
    return 0;
}

int pthread_mutex_destroy(pthread_mutex_t* mutex)
{
    return mutex->word != 0 ? EBUSY : 0;
}

/* The owner's relock of a recursive or error-checking mutex: -1 when the mutex is not the caller's. */
static int relock(pthread_mutex_t* mutex)
{
    if (mutex->type == PTHREAD_MUTEX_NORMAL || mutex->owner != pthread_self())
        return -1;
    if (mutex->type == PTHREAD_MUTEX_ERRORCHECK)
        return EDEADLK;
    mutex->depth++;
    return 0;
}

static int mutex_lock_until(pthread_mutex_t* mutex, const struct timespec* deadline)
{
    int again = relock(mutex);
    if (again >= 0)
        return again;
    int rc = __word_lock(&mutex->word, deadline, mutex->shared);
    if (rc != 0)
        return rc;
    mutex->owner = pthread_self();
    mutex->depth = 1;
    return 0;
}

int pthread_mutex_lock(pthread_mutex_t* mutex)
{
    return mutex_lock_until(mutex, NULL);
}

int pthread_mutex_timedlock(pthread_mutex_t* mutex, const struct timespec* deadline)
{
    if (deadline->tv_nsec < 0 || deadline->tv_nsec >= 1000000000)
        return EINVAL;
    return mutex_lock_until(mutex, deadline);
}

int pthread_mutex_trylock(pthread_mutex_t* mutex)
{
    int again = relock(mutex);
    if (again >= 0)
        return again == EDEADLK ? EBUSY : again;
    if (__sync_val_compare_and_swap(&mutex->word, 0, 1) != 0)
        return EBUSY;
    mutex->owner = pthread_self();
    mutex->depth = 1;
    return 0;
}

int pthread_mutex_unlock(pthread_mutex_t* mutex)
{
    if (mutex->type != PTHREAD_MUTEX_NORMAL) {
        if (mutex->owner != pthread_self())
            return EPERM;
        if (--mutex->depth > 0)
            return 0;
    }
    mutex->owner = 0;
    __word_unlock(&mutex->word, mutex->shared);
    return 0;
}

/* --- condition variables --- */

int pthread_condattr_init(pthread_condattr_t* attr)
{
    attr->clock = CLOCK_REALTIME;
    attr->shared = PTHREAD_PROCESS_PRIVATE;
    return 0;
}

int pthread_condattr_destroy(pthread_condattr_t* attr)
{
    (void)attr;
    return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t* attr, clockid_t* clock)
{
    *clock = attr->clock;
    return 0;
}

int pthread_condattr_setclock(pthread_condattr_t* attr, clockid_t clock)
{
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
        return EINVAL;
    attr->clock = clock;
    return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t* attr, int* shared)
{
    *shared = attr->shared;
    return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t* attr, int shared)
{
    return set_shared(&attr->shared, shared);
}

int pthread_cond_init(pthread_cond_t* cond, const pthread_condattr_t* attr)
{
    cond->sequence = 0;
    cond->clock = attr ? attr->clock : CLOCK_REALTIME;
    cond->shared = attr ? attr->shared : PTHREAD_PROCESS_PRIVATE;
    return 0;
}

int pthread_cond_destroy(pthread_cond_t* cond)
{
    (void)cond;
    return 0;
}

/*
 * Waits for a signal or broadcast after the sequence number it saw, with
 * the mutex released; takes the mutex back (as contended: another waiter
 * may be behind it) before returning, whatever ended the wait.
 */
static int cond_wait_until(pthread_cond_t* cond, pthread_mutex_t* mutex, const struct timespec* deadline)
{
    if (mutex->type != PTHREAD_MUTEX_NORMAL && mutex->owner != pthread_self())
        return EPERM;
    uint32_t seen = __atomic_load_n(&cond->sequence, __ATOMIC_ACQUIRE);
    int depth = mutex->depth;
    mutex->owner = 0;
    __word_unlock(&mutex->word, mutex->shared);
    int rc = __word_wait(&cond->sequence, seen, deadline, cond->clock, cond->shared);
    while (__sync_lock_test_and_set(&mutex->word, 2) != 0)
        __word_wait(&mutex->word, 2, NULL, CLOCK_REALTIME, mutex->shared);
    mutex->owner = pthread_self();
    mutex->depth = depth;
    return rc == -ETIMEDOUT ? ETIMEDOUT : 0;
}

int pthread_cond_wait(pthread_cond_t* cond, pthread_mutex_t* mutex)
{
    return cond_wait_until(cond, mutex, NULL);
}

int pthread_cond_timedwait(pthread_cond_t* cond, pthread_mutex_t* mutex, const struct timespec* deadline)
{
    if (deadline->tv_nsec < 0 || deadline->tv_nsec >= 1000000000)
        return EINVAL;
    return cond_wait_until(cond, mutex, deadline);
}

int pthread_cond_signal(pthread_cond_t* cond)
{
    __atomic_fetch_add(&cond->sequence, 1, __ATOMIC_RELEASE);
    __word_wake(&cond->sequence, 1, cond->shared);
    return 0;
}

int pthread_cond_broadcast(pthread_cond_t* cond)
{
    __atomic_fetch_add(&cond->sequence, 1, __ATOMIC_RELEASE);
    __word_wake(&cond->sequence, INT_MAX_WAKE, cond->shared);
    return 0;
}

/* --- rwlocks: writers go first once one waits, so readers cannot starve them --- */

int pthread_rwlockattr_init(pthread_rwlockattr_t* attr)
{
    attr->shared = PTHREAD_PROCESS_PRIVATE;
    return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t* attr)
{
    (void)attr;
    return 0;
}

int pthread_rwlock_init(pthread_rwlock_t* lock, const pthread_rwlockattr_t* attr)
{
    pthread_mutexattr_t mutex_attr;
    pthread_condattr_t cond_attr;
    inner_attributes(attr ? attr->shared : PTHREAD_PROCESS_PRIVATE, &mutex_attr, &cond_attr);
    pthread_mutex_init(&lock->lock, &mutex_attr);
    pthread_cond_init(&lock->readers_may_go, &cond_attr);
    pthread_cond_init(&lock->writers_may_go, &cond_attr);
    lock->readers = 0;
    lock->writer = 0;
    lock->writers_waiting = 0;
    return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t* lock)
{
    return lock->readers != 0 || lock->writer != 0 ? EBUSY : 0;
}

static int rwlock_read(pthread_rwlock_t* lock, int wait)
{
    int rc = 0;
    pthread_mutex_lock(&lock->lock);
    if (lock->writer == pthread_self()) {
        rc = EDEADLK;
    } else {
        while (rc == 0 && (lock->writer != 0 || lock->writers_waiting > 0)) {
            if (!wait)
                rc = EBUSY;
            else
                pthread_cond_wait(&lock->readers_may_go, &lock->lock);
        }
        if (rc == 0)
            lock->readers++;
    }
    pthread_mutex_unlock(&lock->lock);
    return rc;
}

static int rwlock_write(pthread_rwlock_t* lock, int wait)
{
    int rc = 0;
    pthread_mutex_lock(&lock->lock);
    if (lock->writer == pthread_self()) {
        rc = EDEADLK;
    } else if (lock->writer != 0 || lock->readers > 0) {
        if (!wait) {
            rc = EBUSY;
        } else {
            lock->writers_waiting++;
            while (lock->writer != 0 || lock->readers > 0)
                pthread_cond_wait(&lock->writers_may_go, &lock->lock);
            lock->writers_waiting--;
        }
    }
    if (rc == 0)
        lock->writer = pthread_self();
    pthread_mutex_unlock(&lock->lock);
    return rc;
}

int pthread_rwlock_rdlock(pthread_rwlock_t* lock)
{
    return rwlock_read(lock, 1);
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t* lock)
{
    return rwlock_read(lock, 0);
}

int pthread_rwlock_wrlock(pthread_rwlock_t* lock)
{
    return rwlock_write(lock, 1);
}

int pthread_rwlock_trywrlock(pthread_rwlock_t* lock)
{
    return rwlock_write(lock, 0);
}

int pthread_rwlock_unlock(pthread_rwlock_t* lock)
{
    int rc = 0;
    pthread_mutex_lock(&lock->lock);
    if (lock->writer == pthread_self())
        lock->writer = 0;
    else if (lock->readers > 0)
        lock->readers--;
    else
        rc = EPERM;
    if (rc == 0 && lock->readers == 0) {
        if (lock->writers_waiting > 0)
            pthread_cond_signal(&lock->writers_may_go);
        else
            pthread_cond_broadcast(&lock->readers_may_go);
    }
    pthread_mutex_unlock(&lock->lock);
    return rc;
}

/* --- once: 0 not run, 1 running, 2 done --- */

int pthread_once(pthread_once_t* once, void (*routine)(void))
{
    uint32_t* word = (uint32_t*)once;
    for (;;) {
        uint32_t state = __sync_val_compare_and_swap(word, 0, 1);
        if (state == 2)
            return 0;
        if (state == 0) {
            routine();
            __atomic_store_n(word, 2, __ATOMIC_RELEASE);
            __word_wake(word, INT_MAX_WAKE, 0);
            return 0;
        }
        __word_wait(word, 1, NULL, CLOCK_REALTIME, 0);
    }
}

/* --- keys --- */

static struct __libc_lock keys_lock;
static char key_used[PTHREAD_KEYS_MAX];
static void (*key_destructor[PTHREAD_KEYS_MAX])(void*);

int pthread_key_create(pthread_key_t* key, void (*destructor)(void*))
{
    int rc = EAGAIN;
    __libc_lock(&keys_lock);
    for (int i = 0; i < PTHREAD_KEYS_MAX; i++) {
        if (!key_used[i]) {
            key_used[i] = 1;
            key_destructor[i] = destructor;
            *key = i;
            rc = 0;
            break;
        }
    }
    __libc_unlock(&keys_lock);
    return rc;
}

int pthread_key_delete(pthread_key_t key)
{
    if (key < 0 || key >= PTHREAD_KEYS_MAX || !key_used[key])
        return EINVAL;
    __libc_lock(&keys_lock);
    key_used[key] = 0;
    key_destructor[key] = NULL;
    __libc_unlock(&keys_lock);
    return 0;
}

void* pthread_getspecific(pthread_key_t key)
{
    if (key < 0 || key >= PTHREAD_KEYS_MAX)
        return NULL;
    return key_values[key];
}

int pthread_setspecific(pthread_key_t key, const void* value)
{
    if (key < 0 || key >= PTHREAD_KEYS_MAX || !key_used[key])
        return EINVAL;
    key_values[key] = (void*)value;
    return 0;
}

static void run_key_destructors(void)
{
    for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
        int ran = 0;
        for (int i = 0; i < PTHREAD_KEYS_MAX; i++) {
            void* value = key_values[i];
            if (!value || !key_used[i] || !key_destructor[i])
                continue;
            key_values[i] = NULL;
            key_destructor[i](value);
            ran = 1;
        }
        if (!ran)
            return;
    }
}

/* --- spinlocks: on one CPU a spinner gives the holder the CPU rather than spin out its quantum --- */

int pthread_spin_init(pthread_spinlock_t* lock, int shared)
{
    (void)shared;
    *lock = 0;
    return 0;
}

int pthread_spin_destroy(pthread_spinlock_t* lock)
{
    return *lock != 0 ? EBUSY : 0;
}

int pthread_spin_lock(pthread_spinlock_t* lock)
{
    while (__sync_lock_test_and_set(lock, 1) != 0) {
        while (*lock != 0)
            sched_yield();
    }
    return 0;
}

int pthread_spin_trylock(pthread_spinlock_t* lock)
{
    return __sync_lock_test_and_set(lock, 1) != 0 ? EBUSY : 0;
}

int pthread_spin_unlock(pthread_spinlock_t* lock)
{
    __sync_lock_release(lock);
    return 0;
}

/* --- barriers --- */

int pthread_barrierattr_init(pthread_barrierattr_t* attr)
{
    attr->shared = PTHREAD_PROCESS_PRIVATE;
    return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t* attr)
{
    (void)attr;
    return 0;
}

int pthread_barrierattr_setpshared(pthread_barrierattr_t* attr, int shared)
{
    return set_shared(&attr->shared, shared);
}

int pthread_barrier_init(pthread_barrier_t* barrier, const pthread_barrierattr_t* attr, unsigned count)
{
    if (count == 0)
        return EINVAL;
    pthread_mutexattr_t mutex_attr;
    pthread_condattr_t cond_attr;
    inner_attributes(attr ? attr->shared : PTHREAD_PROCESS_PRIVATE, &mutex_attr, &cond_attr);
    pthread_mutex_init(&barrier->lock, &mutex_attr);
    pthread_cond_init(&barrier->all_arrived, &cond_attr);
    barrier->count = count;
    barrier->arrived = 0;
    barrier->generation = 0;
    return 0;
}

int pthread_barrier_destroy(pthread_barrier_t* barrier)
{
    return barrier->arrived != 0 ? EBUSY : 0;
}

/* The last of count threads to arrive releases them all and gets PTHREAD_BARRIER_SERIAL_THREAD. */
int pthread_barrier_wait(pthread_barrier_t* barrier)
{
    pthread_mutex_lock(&barrier->lock);
    unsigned generation = barrier->generation;
    int rc = 0;
    if (++barrier->arrived == barrier->count) {
        barrier->arrived = 0;
        barrier->generation++;
        pthread_cond_broadcast(&barrier->all_arrived);
        rc = PTHREAD_BARRIER_SERIAL_THREAD;
    } else {
        while (generation == barrier->generation)
            pthread_cond_wait(&barrier->all_arrived, &barrier->lock);
    }
    pthread_mutex_unlock(&barrier->lock);
    return rc;
}

/* --- semaphores (-1 and errno, as POSIX has them) --- */

int sem_init(sem_t* sem, int shared, unsigned value)
{
    if (value > SEM_VALUE_MAX) {
        errno = EINVAL;
        return -1;
    }
    sem->value = value;
    sem->waiters = 0;
    sem->shared = shared;
    return 0;
}

int sem_destroy(sem_t* sem)
{
    (void)sem;
    return 0;
}

int sem_trywait(sem_t* sem)
{
    uint32_t value = __atomic_load_n(&sem->value, __ATOMIC_ACQUIRE);
    while (value > 0) {
        if (__atomic_compare_exchange_n(&sem->value, &value, value - 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return 0;
    }
    errno = EAGAIN;
    return -1;
}

static int sem_wait_until(sem_t* sem, const struct timespec* deadline)
{
    for (;;) {
        if (sem_trywait(sem) == 0)
            return 0;
        __atomic_fetch_add(&sem->waiters, 1, __ATOMIC_ACQ_REL);
        int rc = __word_wait(&sem->value, 0, deadline, CLOCK_REALTIME, sem->shared);
        __atomic_fetch_sub(&sem->waiters, 1, __ATOMIC_ACQ_REL);
        if (rc == -ETIMEDOUT || rc == -EINTR) {
            errno = -rc;
            return -1;
        }
    }
}

int sem_wait(sem_t* sem)
{
    return sem_wait_until(sem, NULL);
}

int sem_timedwait(sem_t* sem, const struct timespec* deadline)
{
    if (deadline->tv_nsec < 0 || deadline->tv_nsec >= 1000000000) {
        errno = EINVAL;
        return -1;
    }
    return sem_wait_until(sem, deadline);
}

int sem_post(sem_t* sem)
{
    uint32_t value = __atomic_load_n(&sem->value, __ATOMIC_RELAXED);
    do {
        if (value == SEM_VALUE_MAX) {
            errno = EOVERFLOW;
            return -1;
        }
    } while (!__atomic_compare_exchange_n(&sem->value, &value, value + 1, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED));
    if (__atomic_load_n(&sem->waiters, __ATOMIC_ACQUIRE) > 0)
        __word_wake(&sem->value, 1, sem->shared);
    return 0;
}

int sem_getvalue(sem_t* sem, int* value)
{
    *value = (int)__atomic_load_n(&sem->value, __ATOMIC_RELAXED);
    return 0;
}
