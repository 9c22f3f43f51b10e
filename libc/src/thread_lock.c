/*
 * What every program that takes libc's own locks needs, apart from the
 * pthread library (so a program without threads links none of it): the
 * futex words the locks are made of, the recursive locks malloc and stdio
 * take once a second thread exists, pthread_self, and fork's handling of
 * the locks and the pthread_atfork handlers.
 */
#include <errno.h>
#include <pthread.h>
#include <serenity.h>
#include <unistd.h>
#include "thread_impl.h"

int __libc_threaded;
struct __libc_lock __malloc_lock;
struct __libc_lock __stdio_lock;

static __thread pthread_t self_tid;        /* 0 until asked (the main thread) */

static int private_flag(int shared)
{
    return shared ? 0 : FUTEX_PRIVATE_FLAG;
}

/* Sleeps while *word is expected, until deadline (absolute, clock) when not NULL; 0, -ETIMEDOUT, -EINTR or -EAGAIN. */
int __word_wait(uint32_t* word, uint32_t expected, const struct timespec* deadline, clockid_t clock, int shared)
{
    int op = FUTEX_WAIT_BITSET | private_flag(shared) | (clock == CLOCK_REALTIME ? FUTEX_CLOCK_REALTIME : 0);
    return __futex(word, op, expected, deadline, NULL, FUTEX_BITSET_MATCH_ANY);
}

void __word_wake(uint32_t* word, int count, int shared)
{
    __futex(word, FUTEX_WAKE | private_flag(shared), (uint32_t)count, NULL, NULL, 0);
}

/* Takes the lock word (0 -> 1, or 2 when others wait); 0, or ETIMEDOUT when deadline passes first. */
int __word_lock(uint32_t* word, const struct timespec* deadline, int shared)
{
    uint32_t seen = __sync_val_compare_and_swap(word, 0, 1);
    if (seen == 0)
        return 0;
    for (;;) {
        if (seen == 2 || __sync_val_compare_and_swap(word, 1, 2) != 0) {
            if (__word_wait(word, 2, deadline, CLOCK_REALTIME, shared) == -ETIMEDOUT)
                return ETIMEDOUT;
        }
        seen = __sync_val_compare_and_swap(word, 0, 2);
        if (seen == 0)
            return 0;
    }
}

void __word_unlock(uint32_t* word, int shared)
{
    if (__sync_fetch_and_sub(word, 1) != 1) {
        __atomic_store_n(word, 0, __ATOMIC_RELEASE);
        __word_wake(word, 1, shared);
    }
}

pthread_t pthread_self(void)
{
    if (self_tid == 0)
        self_tid = gettid();
    return self_tid;
}

void __libc_lock(struct __libc_lock* lock)
{
    if (!__libc_threaded)
        return;
    pthread_t self = pthread_self();
    if (lock->owner == self) {
        lock->depth++;
        return;
    }
    __word_lock(&lock->word, NULL, 0);
    lock->owner = self;
    lock->depth = 1;
}

void __libc_unlock(struct __libc_lock* lock)
{
    if (!__libc_threaded || lock->owner != pthread_self())
        return;
    if (--lock->depth > 0)
        return;
    lock->owner = 0;
    __word_unlock(&lock->word, 0);
}

#define ATFORK_MAX 16
static struct {
    void (*prepare)(void);
    void (*parent)(void);
    void (*child)(void);
} atfork_handlers[ATFORK_MAX];
static int atfork_count;

int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
    if (atfork_count == ATFORK_MAX)
        return ENOMEM;
    atfork_handlers[atfork_count].prepare = prepare;
    atfork_handlers[atfork_count].parent = parent;
    atfork_handlers[atfork_count].child = child;
    atfork_count++;
    return 0;
}

void __fork_prepare(void)
{
    for (int i = atfork_count - 1; i >= 0; i--)
        if (atfork_handlers[i].prepare)
            atfork_handlers[i].prepare();
    __libc_lock(&__stdio_lock);
    __libc_lock(&__malloc_lock);
}

void __fork_parent(void)
{
    __libc_unlock(&__malloc_lock);
    __libc_unlock(&__stdio_lock);
    for (int i = 0; i < atfork_count; i++)
        if (atfork_handlers[i].parent)
            atfork_handlers[i].parent();
}

/* The child's one thread holds what __fork_prepare took, under the parent's tid: the locks start free. */
static void lock_reset(struct __libc_lock* lock)
{
    lock->word = 0;
    lock->owner = 0;
    lock->depth = 0;
}

void __fork_child(void)
{
    self_tid = 0; /* the child's thread has its own tid */
    lock_reset(&__malloc_lock);
    lock_reset(&__stdio_lock);
    for (int i = 0; i < atfork_count; i++)
        if (atfork_handlers[i].child)
            atfork_handlers[i].child();
}
