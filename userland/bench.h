/*
 * The lines tools/bench.mjs times a phase of `make bench` by:
 *   BENCH <name> start t=<ms>
 *   BENCH <name> done <count> t=<ms>
 * t is CLOCK_MONOTONIC in milliseconds, the clock the kernel's profile
 * samples are stamped with, so that tools/profile.mjs can cut a profile
 * into phases exactly.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdio.h>
#include <time.h>

static inline unsigned long bench_uptime_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (unsigned long)now.tv_sec * 1000 + (unsigned long)now.tv_nsec / 1000000;
}

static inline void phase_start(const char* name) { printf("BENCH %s start t=%lu\n", name, bench_uptime_ms()); }
static inline void phase_done(const char* name, int count) { printf("BENCH %s done %d t=%lu\n", name, count, bench_uptime_ms()); }

#endif
