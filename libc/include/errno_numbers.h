/*
 * errno values of the SerenityOS ABI (July 2021): the ErrnoCode enumeration of
 * LibC's errno_numbers.h, which the kernel used too. Must match
 * kernel/api/errno.ts value for value (tests/initrd.test.mjs checks it).
 * Syscalls return these negated in EAX; EMAXERRNO is one past the largest.
 * EWOULDBLOCK is EAGAIN, as the reference defines it.
 */
#ifndef _ERRNO_NUMBERS_H
#define _ERRNO_NUMBERS_H

#define ESUCCESS 0
#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define ENOTBLK 15
#define EBUSY 16
#define EEXIST 17
#define EXDEV 18
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENFILE 23
#define EMFILE 24
#define ENOTTY 25
#define ETXTBSY 26
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EROFS 30
#define EMLINK 31
#define EPIPE 32
#define ERANGE 33
#define ENAMETOOLONG 34
#define ELOOP 35
#define EOVERFLOW 36
#define EOPNOTSUPP 37
#define ENOSYS 38
#define ENOTIMPL 39
#define EAFNOSUPPORT 40
#define ENOTSOCK 41
#define EADDRINUSE 42
#define EWHYTHO 43
#define ENOTEMPTY 44
#define EDOM 45
#define ECONNREFUSED 46
#define EADDRNOTAVAIL 47
#define EISCONN 48
#define ECONNABORTED 49
#define EALREADY 50
#define ECONNRESET 51
#define EDESTADDRREQ 52
#define EHOSTUNREACH 53
#define EILSEQ 54
#define EMSGSIZE 55
#define ENETDOWN 56
#define ENETUNREACH 57
#define ENETRESET 58
#define ENOBUFS 59
#define ENOLCK 60
#define ENOMSG 61
#define ENOPROTOOPT 62
#define ENOTCONN 63
#define EWOULDBLOCK EAGAIN
#define EPROTONOSUPPORT 64
#define EDEADLK 65
#define ETIMEDOUT 66
#define EPROTOTYPE 67
#define EINPROGRESS 68
#define ENOTHREAD 69
#define EPROTO 70
#define ENOTSUP 71
#define EPFNOSUPPORT 72
#define EDIRINTOSELF 73
#define EDQUOT 74
#define EMAXERRNO 75

/* Names and messages, in value order: E(name, message). strerror() and the
 * test programs' errno names are built from this list. */
#define __ENUMERATE_ERRNO_CODES(E)                                  \
    E(ESUCCESS, "Success (not an error)")                          \
    E(EPERM, "Operation not permitted")                            \
    E(ENOENT, "No such file or directory")                         \
    E(ESRCH, "No such process")                                    \
    E(EINTR, "Interrupted syscall")                                \
    E(EIO, "I/O error")                                            \
    E(ENXIO, "No such device or address")                          \
    E(E2BIG, "Argument list too long")                             \
    E(ENOEXEC, "Exec format error")                                \
    E(EBADF, "Bad fd number")                                      \
    E(ECHILD, "No child processes")                                \
    E(EAGAIN, "Try again")                                         \
    E(ENOMEM, "Out of memory")                                     \
    E(EACCES, "Permission denied")                                 \
    E(EFAULT, "Bad address")                                       \
    E(ENOTBLK, "Block device required")                            \
    E(EBUSY, "Device or resource busy")                            \
    E(EEXIST, "File already exists")                               \
    E(EXDEV, "Cross-device link")                                  \
    E(ENODEV, "No such device")                                    \
    E(ENOTDIR, "Not a directory")                                  \
    E(EISDIR, "Is a directory")                                    \
    E(EINVAL, "Invalid argument")                                  \
    E(ENFILE, "File table overflow")                               \
    E(EMFILE, "Too many open files")                               \
    E(ENOTTY, "Not a TTY")                                         \
    E(ETXTBSY, "Text file busy")                                   \
    E(EFBIG, "File too big")                                       \
    E(ENOSPC, "No space left on device")                           \
    E(ESPIPE, "Illegal seek")                                      \
    E(EROFS, "Read-only filesystem")                               \
    E(EMLINK, "Too many links")                                    \
    E(EPIPE, "Broken pipe")                                        \
    E(ERANGE, "Range error")                                       \
    E(ENAMETOOLONG, "Name too long")                               \
    E(ELOOP, "Too many symlinks")                                  \
    E(EOVERFLOW, "Overflow")                                       \
    E(EOPNOTSUPP, "Operation not supported")                       \
    E(ENOSYS, "No such syscall")                                   \
    E(ENOTIMPL, "Not implemented")                                 \
    E(EAFNOSUPPORT, "Address family not supported")                \
    E(ENOTSOCK, "Not a socket")                                    \
    E(EADDRINUSE, "Address in use")                                \
    E(EWHYTHO, "Failed without setting an error code (bug!)")      \
    E(ENOTEMPTY, "Directory not empty")                            \
    E(EDOM, "Math argument out of domain")                         \
    E(ECONNREFUSED, "Connection refused")                          \
    E(EADDRNOTAVAIL, "Address not available")                      \
    E(EISCONN, "Already connected")                                \
    E(ECONNABORTED, "Connection aborted")                          \
    E(EALREADY, "Connection already in progress")                  \
    E(ECONNRESET, "Connection reset")                              \
    E(EDESTADDRREQ, "Destination address required")                \
    E(EHOSTUNREACH, "Host unreachable")                            \
    E(EILSEQ, "Illegal byte sequence")                             \
    E(EMSGSIZE, "Message too long")                                \
    E(ENETDOWN, "Network is down")                                 \
    E(ENETUNREACH, "Network unreachable")                          \
    E(ENETRESET, "Connection reset by network")                    \
    E(ENOBUFS, "No buffer space")                                  \
    E(ENOLCK, "No lock available")                                 \
    E(ENOMSG, "No message")                                        \
    E(ENOPROTOOPT, "No protocol option")                           \
    E(ENOTCONN, "Not connected")                                   \
    E(EPROTONOSUPPORT, "Protocol not supported")                   \
    E(EDEADLK, "Resource deadlock would occur")                    \
    E(ETIMEDOUT, "Timed out")                                      \
    E(EPROTOTYPE, "Wrong protocol type")                           \
    E(EINPROGRESS, "Operation in progress")                        \
    E(ENOTHREAD, "No such thread")                                 \
    E(EPROTO, "Protocol error")                                    \
    E(ENOTSUP, "Not supported")                                    \
    E(EPFNOSUPPORT, "Protocol family not supported")               \
    E(EDIRINTOSELF, "Cannot make directory a subdirectory of itself") \
    E(EDQUOT, "Quota exceeded")

#endif
