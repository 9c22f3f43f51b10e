/*
 * <pthread.h>: POSIX threads over the kernel's threads (create_thread,
 * exit_thread, join_thread, detach_thread) and futexes. A pthread_t is the
 * thread's tid. Every function returns 0 or an error number (errno is not
 * set), as POSIX has it. The synchronisation objects are futex words in
 * user memory: process-private unless their attribute says PTHREAD_PROCESS_SHARED.
 */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

typedef int pthread_t;
typedef int pthread_key_t;
typedef int pthread_once_t;
typedef volatile int pthread_spinlock_t;

typedef struct {
    int detach_state;
    size_t stack_size;
    void* stack_address;
    size_t guard_size;
    int priority;
} pthread_attr_t;

typedef struct {
    uint32_t word;  /* 0 unlocked, 1 locked, 2 locked with waiters */
    pthread_t owner;
    int depth;      /* recursive locks of the owner */
    int type;
    int shared;
} pthread_mutex_t;

typedef struct {
    int type;
    int shared;
} pthread_mutexattr_t;

typedef struct {
    uint32_t sequence; /* bumped by every signal and broadcast */
    int clock;
    int shared;
} pthread_cond_t;

typedef struct {
    int clock;
    int shared;
} pthread_condattr_t;

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t readers_may_go;
    pthread_cond_t writers_may_go;
    int readers;         /* holding the lock */
    pthread_t writer;    /* holding the lock, or 0 */
    int writers_waiting;
} pthread_rwlock_t;

typedef struct {
    int shared;
} pthread_rwlockattr_t;

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t all_arrived;
    unsigned count;
    unsigned arrived;
    unsigned generation;
} pthread_barrier_t;

typedef struct {
    int shared;
} pthread_barrierattr_t;

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1

#define PTHREAD_MUTEX_NORMAL 0
#define PTHREAD_MUTEX_RECURSIVE 1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT PTHREAD_MUTEX_NORMAL

#define PTHREAD_PROCESS_PRIVATE 0
#define PTHREAD_PROCESS_SHARED 1

#define PTHREAD_INHERIT_SCHED 0
#define PTHREAD_EXPLICIT_SCHED 1
#define PTHREAD_SCOPE_SYSTEM 0

#define PTHREAD_CANCEL_ENABLE 0
#define PTHREAD_CANCEL_DISABLE 1

#define PTHREAD_BARRIER_SERIAL_THREAD (-1)
#define PTHREAD_KEYS_MAX 64
#define PTHREAD_DESTRUCTOR_ITERATIONS 4
#define PTHREAD_STACK_MIN (64 * 1024)
/* The stack a thread gets when its attributes do not say: the reference's 4 MiB. */
#define PTHREAD_STACK_DEFAULT (4 * 1024 * 1024)

#define PTHREAD_ONCE_INIT 0
#define PTHREAD_MUTEX_INITIALIZER { 0, 0, 0, PTHREAD_MUTEX_NORMAL, 0 }
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER { 0, 0, 0, PTHREAD_MUTEX_RECURSIVE, 0 }
#define PTHREAD_COND_INITIALIZER { 0, CLOCK_REALTIME, 0 }
#define PTHREAD_RWLOCK_INITIALIZER { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0 }

int pthread_create(pthread_t* thread, const pthread_attr_t* attr, void* (*start)(void*), void* argument);
int pthread_join(pthread_t thread, void** value);
int pthread_detach(pthread_t thread);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
void pthread_exit(void* value) __attribute__((noreturn));
int pthread_kill(pthread_t thread, int signal);
int pthread_sigmask(int how, const sigset_t* set, sigset_t* old);
int pthread_setname_np(pthread_t thread, const char* name);
int pthread_getname_np(pthread_t thread, char* buffer, size_t size);
int pthread_getschedparam(pthread_t thread, int* policy, struct sched_param* param);
int pthread_setschedparam(pthread_t thread, int policy, const struct sched_param* param);
int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void));
int pthread_setcancelstate(int state, int* old);

int pthread_attr_init(pthread_attr_t* attr);
int pthread_attr_destroy(pthread_attr_t* attr);
int pthread_attr_getdetachstate(const pthread_attr_t* attr, int* state);
int pthread_attr_setdetachstate(pthread_attr_t* attr, int state);
int pthread_attr_getstacksize(const pthread_attr_t* attr, size_t* size);
int pthread_attr_setstacksize(pthread_attr_t* attr, size_t size);
int pthread_attr_getstack(const pthread_attr_t* attr, void** address, size_t* size);
int pthread_attr_setstack(pthread_attr_t* attr, void* address, size_t size);
int pthread_attr_getguardsize(const pthread_attr_t* attr, size_t* size);
int pthread_attr_setguardsize(pthread_attr_t* attr, size_t size);
int pthread_attr_getschedparam(const pthread_attr_t* attr, struct sched_param* param);
int pthread_attr_setschedparam(pthread_attr_t* attr, const struct sched_param* param);

int pthread_mutex_init(pthread_mutex_t* mutex, const pthread_mutexattr_t* attr);
int pthread_mutex_destroy(pthread_mutex_t* mutex);
int pthread_mutex_lock(pthread_mutex_t* mutex);
int pthread_mutex_trylock(pthread_mutex_t* mutex);
int pthread_mutex_timedlock(pthread_mutex_t* mutex, const struct timespec* deadline);
int pthread_mutex_unlock(pthread_mutex_t* mutex);
int pthread_mutexattr_init(pthread_mutexattr_t* attr);
int pthread_mutexattr_destroy(pthread_mutexattr_t* attr);
int pthread_mutexattr_gettype(const pthread_mutexattr_t* attr, int* type);
int pthread_mutexattr_settype(pthread_mutexattr_t* attr, int type);
int pthread_mutexattr_getpshared(const pthread_mutexattr_t* attr, int* shared);
int pthread_mutexattr_setpshared(pthread_mutexattr_t* attr, int shared);

int pthread_cond_init(pthread_cond_t* cond, const pthread_condattr_t* attr);
int pthread_cond_destroy(pthread_cond_t* cond);
int pthread_cond_wait(pthread_cond_t* cond, pthread_mutex_t* mutex);
int pthread_cond_timedwait(pthread_cond_t* cond, pthread_mutex_t* mutex, const struct timespec* deadline);
int pthread_cond_signal(pthread_cond_t* cond);
int pthread_cond_broadcast(pthread_cond_t* cond);
int pthread_condattr_init(pthread_condattr_t* attr);
int pthread_condattr_destroy(pthread_condattr_t* attr);
int pthread_condattr_getclock(const pthread_condattr_t* attr, clockid_t* clock);
int pthread_condattr_setclock(pthread_condattr_t* attr, clockid_t clock);
int pthread_condattr_getpshared(const pthread_condattr_t* attr, int* shared);
int pthread_condattr_setpshared(pthread_condattr_t* attr, int shared);

int pthread_rwlock_init(pthread_rwlock_t* lock, const pthread_rwlockattr_t* attr);
int pthread_rwlock_destroy(pthread_rwlock_t* lock);
int pthread_rwlock_rdlock(pthread_rwlock_t* lock);
int pthread_rwlock_tryrdlock(pthread_rwlock_t* lock);
int pthread_rwlock_wrlock(pthread_rwlock_t* lock);
int pthread_rwlock_trywrlock(pthread_rwlock_t* lock);
int pthread_rwlock_unlock(pthread_rwlock_t* lock);
int pthread_rwlockattr_init(pthread_rwlockattr_t* attr);
int pthread_rwlockattr_destroy(pthread_rwlockattr_t* attr);

int pthread_once(pthread_once_t* once, void (*routine)(void));

int pthread_key_create(pthread_key_t* key, void (*destructor)(void*));
int pthread_key_delete(pthread_key_t key);
void* pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void* value);

int pthread_spin_init(pthread_spinlock_t* lock, int shared);
int pthread_spin_destroy(pthread_spinlock_t* lock);
int pthread_spin_lock(pthread_spinlock_t* lock);
int pthread_spin_trylock(pthread_spinlock_t* lock);
int pthread_spin_unlock(pthread_spinlock_t* lock);

int pthread_barrier_init(pthread_barrier_t* barrier, const pthread_barrierattr_t* attr, unsigned count);
int pthread_barrier_destroy(pthread_barrier_t* barrier);
int pthread_barrier_wait(pthread_barrier_t* barrier);
int pthread_barrierattr_init(pthread_barrierattr_t* attr);
int pthread_barrierattr_destroy(pthread_barrierattr_t* attr);
int pthread_barrierattr_setpshared(pthread_barrierattr_t* attr, int shared);

#endif
