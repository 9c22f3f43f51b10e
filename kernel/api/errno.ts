// errno values of the SerenityOS ABI (July 2021), shared by kernel and libc.
//
// Numbering: the ErrnoCode enumeration of SerenityOS's LibC errno_numbers.h as
// it stood in mid-2021 (the kernel included it too): values 1-34 match Linux,
// then the Serenity-specific order from ELOOP = 35 on. Syscalls return these
// negated in EAX. EMAXERRNO is one past the largest code: libc treats a
// pointer-returning syscall's result as an error only when -rc < EMAXERRNO.
//
// EWOULDBLOCK is EAGAIN (11), and EDQUOT is the last code (74); there is no
// EHOSTDOWN or ESHUTDOWN.

export const ESUCCESS: number = 0; // not an error
export const EPERM: number = 1; // operation not permitted
export const ENOENT: number = 2; // no such file or directory
export const ESRCH: number = 3; // no such process
export const EINTR: number = 4; // interrupted by a signal
export const EIO: number = 5; // input/output error
export const ENXIO: number = 6; // no such device or address
export const E2BIG: number = 7; // argument list too long
export const ENOEXEC: number = 8; // bad executable format
export const EBADF: number = 9; // bad file descriptor
export const ECHILD: number = 10; // no child processes
export const EAGAIN: number = 11; // resource temporarily unavailable
export const ENOMEM: number = 12; // out of memory
export const EACCES: number = 13; // permission denied
export const EFAULT: number = 14; // bad address
export const ENOTBLK: number = 15; // block device required
export const EBUSY: number = 16; // device or resource busy
export const EEXIST: number = 17; // file exists
export const EXDEV: number = 18; // cross-device link
export const ENODEV: number = 19; // no such device
export const ENOTDIR: number = 20; // not a directory
export const EISDIR: number = 21; // is a directory
export const EINVAL: number = 22; // invalid argument
export const ENFILE: number = 23; // too many open files in the system
export const EMFILE: number = 24; // too many open files in the process
export const ENOTTY: number = 25; // not a terminal
export const ETXTBSY: number = 26; // text file busy
export const EFBIG: number = 27; // file too large
export const ENOSPC: number = 28; // no space left on device
export const ESPIPE: number = 29; // illegal seek
export const EROFS: number = 30; // read-only file system
export const EMLINK: number = 31; // too many links
export const EPIPE: number = 32; // broken pipe
export const ERANGE: number = 33; // result out of range
export const ENAMETOOLONG: number = 34; // name too long
export const ELOOP: number = 35; // too many levels of symbolic links
export const EOVERFLOW: number = 36; // value too large for its type
export const EOPNOTSUPP: number = 37; // operation not supported
export const ENOSYS: number = 38; // no such syscall
export const ENOTIMPL: number = 39; // not implemented (Serenity-specific)
export const EAFNOSUPPORT: number = 40; // address family not supported
export const ENOTSOCK: number = 41; // not a socket
export const EADDRINUSE: number = 42; // address in use
export const EWHYTHO: number = 43; // failed without an error code (Serenity-specific, a bug)
export const ENOTEMPTY: number = 44; // directory not empty
export const EDOM: number = 45; // argument out of the function's domain
export const ECONNREFUSED: number = 46; // connection refused
export const EADDRNOTAVAIL: number = 47; // address not available
export const EISCONN: number = 48; // already connected
export const ECONNABORTED: number = 49; // connection aborted
export const EALREADY: number = 50; // connection already in progress
export const ECONNRESET: number = 51; // connection reset
export const EDESTADDRREQ: number = 52; // destination address required
export const EHOSTUNREACH: number = 53; // host unreachable
export const EILSEQ: number = 54; // illegal byte sequence
export const EMSGSIZE: number = 55; // message too long
export const ENETDOWN: number = 56; // network down
export const ENETUNREACH: number = 57; // network unreachable
export const ENETRESET: number = 58; // connection reset by the network
export const ENOBUFS: number = 59; // no buffer space
export const ENOLCK: number = 60; // no lock available
export const ENOMSG: number = 61; // no message
export const ENOPROTOOPT: number = 62; // protocol option not available
export const ENOTCONN: number = 63; // not connected
export const EWOULDBLOCK: number = EAGAIN; // operation would block: the same code as EAGAIN
export const EPROTONOSUPPORT: number = 64; // protocol not supported
export const EDEADLK: number = 65; // deadlock would occur
export const ETIMEDOUT: number = 66; // timed out
export const EPROTOTYPE: number = 67; // wrong protocol type for socket
export const EINPROGRESS: number = 68; // operation in progress
export const ENOTHREAD: number = 69; // no such thread (Serenity-specific)
export const EPROTO: number = 70; // protocol error
export const ENOTSUP: number = 71; // not supported
export const EPFNOSUPPORT: number = 72; // protocol family not supported
export const EDIRINTOSELF: number = 73; // directory moved into itself (Serenity-specific)
export const EDQUOT: number = 74; // disk quota exceeded
export const EMAXERRNO: number = 75; // one past the largest errno
