/* <semaphore.h>: unnamed semaphores, a futex word holding the count. */
#ifndef _SEMAPHORE_H
#define _SEMAPHORE_H

#include <stdint.h>
#include <time.h>

typedef struct {
    uint32_t value;
    uint32_t waiters;
    int shared;
} sem_t;

#define SEM_VALUE_MAX 0x7fffffff

int sem_init(sem_t* sem, int shared, unsigned value);
int sem_destroy(sem_t* sem);
int sem_wait(sem_t* sem);
int sem_trywait(sem_t* sem);
int sem_timedwait(sem_t* sem, const struct timespec* deadline);
int sem_post(sem_t* sem);
int sem_getvalue(sem_t* sem, int* value);

#endif
