/* libc's internals for threads: its own locks, the futex call, and fork's lock handling. */
#ifndef _THREAD_IMPL_H
#define _THREAD_IMPL_H

#include <stdint.h>
#include <time.h>

/* A recursive lock owned by a tid, over a futex word. Free while the program has one thread. */
struct __libc_lock {
    uint32_t word;
    int owner;
    int depth;
};

/* Set once a second thread is created: libc's locks matter from then on. */
extern int __libc_threaded;
extern struct __libc_lock __malloc_lock;
extern struct __libc_lock __stdio_lock;

void __libc_lock(struct __libc_lock* lock);
void __libc_unlock(struct __libc_lock* lock);

/* Futex words (0 free, 1 taken, 2 taken with waiters); shared: not FUTEX_PRIVATE_FLAG. */
int __word_wait(uint32_t* word, uint32_t expected, const struct timespec* deadline, clockid_t clock, int shared);
void __word_wake(uint32_t* word, int count, int shared);
int __word_lock(uint32_t* word, const struct timespec* deadline, int shared);
void __word_unlock(uint32_t* word, int shared);

/* The futex syscall: the raw result (-errno on failure). */
int __futex(uint32_t* userspace_address, int futex_op, uint32_t value, const struct timespec* timeout,
    uint32_t* userspace_address2, uint32_t value3);

/* fork: take libc's locks and run the pthread_atfork handlers, in the parent and the child. */
void __fork_prepare(void);
void __fork_parent(void);
void __fork_child(void);

#endif
