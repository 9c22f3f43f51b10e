/* <sys/prctl.h>: prctl [142]; the options are in <bits/prctl.h>. */
#ifndef _SYS_PRCTL_H
#define _SYS_PRCTL_H

#include <stdint.h>
#include <bits/prctl.h>

int prctl(int option, uintptr_t arg1, uintptr_t arg2);

#endif
