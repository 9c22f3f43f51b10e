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

struct inode_watcher_event {
    int watch_descriptor;
    uint32_t type;
    size_t name_length;
    char name[];
} __attribute__((packed));

/* Event types (InodeWatcherEvent::Type), also the bits of an event mask. */
#define INODE_WATCHER_EVENT_METADATA_MODIFIED (1u << 0)
#define INODE_WATCHER_EVENT_CONTENT_MODIFIED (1u << 1)
#define INODE_WATCHER_EVENT_DELETED (1u << 2) /* the watched inode was freed; its watch is gone */
#define INODE_WATCHER_EVENT_CHILD_CREATED (1u << 3)
#define INODE_WATCHER_EVENT_CHILD_DELETED (1u << 4)

/* create_inode_watcher's flags (InodeWatcherFlags). */
#define INODE_WATCHER_NONBLOCK (1u << 0)
#define INODE_WATCHER_CLOEXEC (1u << 1)

/* The largest event: the header, a NAME_MAX name and its NUL. */
#define INODE_WATCHER_MAXIMUM_EVENT_SIZE (sizeof(struct inode_watcher_event) + NAME_MAX + 1)

#endif
