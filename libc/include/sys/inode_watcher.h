/*
 * <sys/inode_watcher.h>: what read() returns from an inode watcher
 * (create_inode_watcher [103], <serenity.h>): one event per read, laid
 * out as the reference's InodeWatcherEvent (Kernel/API/InodeWatcherEvent.h).
 * name_length counts the name's NUL; it is 0, and no name follows, for
 * events about the watched inode itself. A buffer smaller than the next
 * event makes read() fail with EINVAL.
 */
#ifndef _SYS_INODE_WATCHER_H
#define _SYS_INODE_WATCHER_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <bits/inode_watcher.h>

/* The largest event: the header, a NAME_MAX name and its NUL. */
#define INODE_WATCHER_MAXIMUM_EVENT_SIZE (sizeof(struct inode_watcher_event) + NAME_MAX + 1)

#endif
