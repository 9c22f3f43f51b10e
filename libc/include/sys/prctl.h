/* <sys/prctl.h>: prctl [142] (Kernel/API/prctl_numbers.h). */
#ifndef _SYS_PRCTL_H
#define _SYS_PRCTL_H

#include <stdint.h>

#define PR_SET_DUMPABLE 1
#define PR_GET_DUMPABLE 2

int prctl(int option, uintptr_t arg1, uintptr_t arg2);

#endif
