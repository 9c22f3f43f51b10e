/* <serenity.h>: SerenityOS-specific calls. */
#ifndef _SERENITY_H
#define _SERENITY_H

#include <sys/types.h>

/* Makes a child no longer ours to wait for: its ppid becomes 0. */
int disown(pid_t pid);

#endif
