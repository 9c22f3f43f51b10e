/* The auxiliary vector execve passes above the environment. */
#ifndef _SYS_AUXV_H
#define _SYS_AUXV_H

#include <bits/auxv.h>

/* The value of the entry of that type, or 0 with errno ENOENT when there is none. */
unsigned long getauxval(unsigned long type);

#endif
