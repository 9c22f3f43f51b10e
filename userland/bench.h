/* The lines tools/bench.mjs times a phase of `make bench` by: BENCH <name> start, BENCH <name> done <count>. */
#ifndef BENCH_H
#define BENCH_H

#include <stdio.h>

static inline void phase_start(const char* name) { printf("BENCH %s start\n", name); }
static inline void phase_done(const char* name, int count) { printf("BENCH %s done %d\n", name, count); }

#endif
