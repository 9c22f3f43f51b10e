// The structs that cross the user/kernel boundary: the one declaration of
// their layout. tools/gen-abi.mjs reads this table (it is never imported) and
// writes kernel/api/layout.ts (named word indices, byte offsets and sizes for
// the kernel), the libc headers under libc/include/bits/ (the C definitions,
// each checked by _Static_assert) and docs/abi.md.
//
// A row is [C name, kernel prefix, generated header, fields]. The C name is
// `struct tag`, `union tag`, a typedef name (an anonymous struct), or
// `struct tag Typedef`; a leading `packed ` packs the struct. Each field is a
// C declaration; array lengths may name a constant of kernel/api/abi.ts, and
// an empty length is a flexible array member.
// Layout is i386's: 8-byte integers are 4-byte aligned.
//
// Kernel names: <PREFIX>_BYTES (size), <PREFIX>_WORDS (32-bit words), and per
// field <PREFIX>_<FIELD> (word index, for 4-byte aligned fields),
// <PREFIX>_<FIELD>_OFFSET (bytes), <PREFIX>_<FIELD>_HIGH (the high word of an
// 8-byte integer) and <PREFIX>_<FIELD>_BYTES (arrays). Members of a nested
// struct are <PREFIX>_<FIELD>_<MEMBER>.

export const ABI_STRUCTS: [cName: string, prefix: string, header: string, fields: string[]][] = [
  // --- helper types of the parameter structs ---
  ["StringArgument", "STRING_ARGUMENT", "bits/syscall_params.h", ["const char* characters", "size_t length"]],
  ["StringListArgument", "STRING_LIST_ARGUMENT", "bits/syscall_params.h", ["StringArgument* strings", "size_t length"]],
  ["MutableBufferArgument", "MUTABLE_BUFFER_ARGUMENT", "bits/syscall_params.h", ["char* data", "size_t size"]],

  // --- SC_<name>_params: the argument structs of the syscalls that take more than three words ---
  ["SC_mmap_params", "MMAP_PARAMS", "bits/syscall_params.h", [
    "uintptr_t addr", "size_t size", "size_t alignment", "int32_t prot", "int32_t flags", "int32_t fd",
    "int64_t offset", "StringArgument name"]],
  ["SC_mremap_params", "MREMAP_PARAMS", "bits/syscall_params.h", [
    "uintptr_t old_address", "size_t old_size", "size_t new_size", "int32_t flags"]],
  ["SC_open_params", "OPEN_PARAMS", "bits/syscall_params.h", [
    "int dirfd", "StringArgument path", "int options", "uint16_t mode"]],
  ["SC_select_params", "SELECT_PARAMS", "bits/syscall_params.h", [
    "int nfds", "struct __fd_set* readfds", "struct __fd_set* writefds", "struct __fd_set* exceptfds",
    "const struct timespec* timeout", "const uint32_t* sigmask"]],
  ["SC_poll_params", "POLL_PARAMS", "bits/syscall_params.h", [
    "struct pollfd* fds", "unsigned nfds", "const struct timespec* timeout", "const uint32_t* sigmask"]],
  ["SC_clock_nanosleep_params", "CLOCK_NANOSLEEP_PARAMS", "bits/syscall_params.h", [
    "int clock_id", "int flags", "const struct timespec* requested_sleep", "struct timespec* remaining_sleep"]],
  ["SC_accept4_params", "ACCEPT4_PARAMS", "bits/syscall_params.h", [
    "int sockfd", "struct sockaddr* addr", "uint32_t* addrlen", "int flags"]],
  ["SC_getsockopt_params", "GETSOCKOPT_PARAMS", "bits/syscall_params.h", [
    "int sockfd", "int level", "int option", "void* value", "uint32_t* value_size"]],
  ["SC_setsockopt_params", "SETSOCKOPT_PARAMS", "bits/syscall_params.h", [
    "int sockfd", "int level", "int option", "const void* value", "uint32_t value_size"]],
  ["SC_getsockname_params", "GETSOCKNAME_PARAMS", "bits/syscall_params.h", [
    "int sockfd", "struct sockaddr* addr", "uint32_t* addrlen"]],
  ["SC_getpeername_params", "GETPEERNAME_PARAMS", "bits/syscall_params.h", [
    "int sockfd", "struct sockaddr* addr", "uint32_t* addrlen"]],
  ["SC_socketpair_params", "SOCKETPAIR_PARAMS", "bits/syscall_params.h", [
    "int domain", "int type", "int protocol", "int* sv"]],
  ["SC_futex_params", "FUTEX_PARAMS", "bits/syscall_params.h", [
    "uint32_t* userspace_address", "int futex_op", "uint32_t val",
    "union { const struct timespec* timeout; uintptr_t val2; }",
    "uint32_t* userspace_address2", "uint32_t val3"]],
  ["SC_setkeymap_params", "SETKEYMAP_PARAMS", "bits/syscall_params.h", [
    "const uint32_t* map", "const uint32_t* shift_map", "const uint32_t* alt_map", "const uint32_t* altgr_map",
    "const uint32_t* shift_altgr_map", "StringArgument map_name"]],
  ["SC_getkeymap_params", "GETKEYMAP_PARAMS", "bits/syscall_params.h", [
    "uint32_t* map", "uint32_t* shift_map", "uint32_t* alt_map", "uint32_t* altgr_map",
    "uint32_t* shift_altgr_map", "MutableBufferArgument map_name"]],
  ["SC_create_thread_params", "CREATE_THREAD_PARAMS", "bits/syscall_params.h", [
    "unsigned detach_state", "int schedule_priority", "unsigned guard_page_size",
    "unsigned reported_guard_page_size", "unsigned stack_size", "void* stack_location"]],
  ["SC_realpath_params", "REALPATH_PARAMS", "bits/syscall_params.h", [
    "StringArgument path", "MutableBufferArgument buffer"]],
  ["SC_set_mmap_name_params", "SET_MMAP_NAME_PARAMS", "bits/syscall_params.h", [
    "void* addr", "size_t size", "StringArgument name"]],
  ["SC_execve_params", "EXECVE_PARAMS", "bits/syscall_params.h", [
    "StringArgument path", "StringListArgument arguments", "StringListArgument environment"]],
  ["SC_readlink_params", "READLINK_PARAMS", "bits/syscall_params.h", [
    "StringArgument path", "MutableBufferArgument buffer"]],
  ["SC_link_params", "LINK_PARAMS", "bits/syscall_params.h", [
    "StringArgument old_path", "StringArgument new_path"]],
  ["SC_chown_params", "CHOWN_PARAMS", "bits/syscall_params.h", [
    "StringArgument path", "uint32_t uid", "uint32_t gid"]],
  ["SC_mknod_params", "MKNOD_PARAMS", "bits/syscall_params.h", [
    "StringArgument path", "uint16_t mode", "uint32_t dev"]],
  ["SC_symlink_params", "SYMLINK_PARAMS", "bits/syscall_params.h", [
    "StringArgument target", "StringArgument linkpath"]],
  ["SC_rename_params", "RENAME_PARAMS", "bits/syscall_params.h", [
    "StringArgument old_path", "StringArgument new_path"]],
  ["SC_mount_params", "MOUNT_PARAMS", "bits/syscall_params.h", [
    "int source_fd", "StringArgument target", "StringArgument fs_type", "int flags"]],
  ["SC_pledge_params", "PLEDGE_PARAMS", "bits/syscall_params.h", [
    "StringArgument promises", "StringArgument execpromises"]],
  ["SC_unveil_params", "UNVEIL_PARAMS", "bits/syscall_params.h", [
    "StringArgument path", "StringArgument permissions"]],
  ["SC_waitid_params", "WAITID_PARAMS", "bits/syscall_params.h", [
    "int idtype", "int id", "struct __siginfo* infop", "int options"]],
  ["SC_stat_params", "STAT_PARAMS", "bits/syscall_params.h", [
    "int dirfd", "StringArgument path", "struct stat* statbuf", "int follow_symlinks"]],
  ["SC_ptrace_params", "PTRACE_PARAMS", "bits/syscall_params.h", [
    "int request", "pid_t tid", "uint8_t* addr", "int data"]],
  ["SC_ptrace_peek_params", "PTRACE_PEEK_PARAMS", "bits/syscall_params.h", [
    "const uint32_t* address", "uint32_t* out_data"]],
  ["SC_set_coredump_metadata_params", "SET_COREDUMP_METADATA_PARAMS", "bits/syscall_params.h", [
    "StringArgument key", "StringArgument value"]],
  ["SC_inode_watcher_add_watch_params", "INODE_WATCHER_ADD_WATCH_PARAMS", "bits/syscall_params.h", [
    "int fd", "StringArgument user_path", "uint32_t event_mask"]],
  ["SC_statvfs_params", "STATVFS_PARAMS", "bits/syscall_params.h", [
    "StringArgument path", "struct statvfs* buf"]],

  // --- the structs the kernel reads or fills ---
  ["struct timespec", "TIMESPEC", "bits/timespec.h", ["time_t tv_sec", "long tv_nsec"]],
  ["struct timeval", "TIMEVAL", "bits/timeval.h", ["time_t tv_sec", "suseconds_t tv_usec"]],
  ["struct utimbuf", "UTIMBUF", "bits/utimbuf.h", ["time_t actime", "time_t modtime"]],
  ["struct stat", "STAT", "bits/stat.h", [
    "dev_t st_dev", "ino_t st_ino", "mode_t st_mode", "nlink_t st_nlink", "uid_t st_uid", "gid_t st_gid",
    "dev_t st_rdev", "off_t st_size", "blksize_t st_blksize", "blkcnt_t st_blocks",
    "struct timespec st_atim", "struct timespec st_mtim", "struct timespec st_ctim"]],
  ["struct statvfs", "STATVFS", "bits/statvfs.h", [
    "unsigned long f_bsize", "unsigned long f_frsize", "fsblkcnt_t f_blocks", "fsblkcnt_t f_bfree",
    "fsblkcnt_t f_bavail", "fsfilcnt_t f_files", "fsfilcnt_t f_ffree", "fsfilcnt_t f_favail",
    "unsigned long f_fsid", "unsigned long f_flag", "unsigned long f_namemax"]],
  ["union sigval", "SIGVAL", "bits/signal.h", ["int sival_int", "void* sival_ptr"]],
  ["struct __siginfo siginfo_t", "SIGINFO", "bits/signal.h", [
    "int si_signo", "int si_code", "pid_t si_pid", "uid_t si_uid", "void* si_addr", "int si_status",
    "union sigval si_value"]],
  ["struct sigaction", "SIGACTION", "bits/signal.h", [
    "union { void (*sa_handler)(int); void (*sa_sigaction)(int, siginfo_t*, void*); }",
    "sigset_t sa_mask", "int sa_flags"]],
  ["stack_t", "STACK", "bits/signal.h", ["void* ss_sp", "int ss_flags", "size_t ss_size"]],
  // The registers at the moment a signal arrived, as the handler's third argument shows them.
  ["mcontext_t", "MCONTEXT", "bits/signal.h", [
    "uint32_t eax", "uint32_t ebx", "uint32_t ecx", "uint32_t edx", "uint32_t esi", "uint32_t edi",
    "uint32_t ebp", "uint32_t esp", "uint32_t eip", "uint32_t eflags"]],
  ["struct __ucontext ucontext_t", "UCONTEXT", "bits/signal.h", [
    "struct __ucontext* uc_link", "sigset_t uc_sigmask", "stack_t uc_stack", "mcontext_t uc_mcontext"]],
  // What signal delivery pushes on the user stack (16-byte aligned): the
  // reference's 14 words (a zero return address, handler, signal, the mask
  // to restore, edi esi ebp esp ebx edx ecx eax, eip, eflags), then this
  // kernel's additions for SA_SIGINFO and the FPU. The kernel's trampoline
  // calls handler(signal, info, context); sigreturn undoes the frame.
  ["struct __signal_frame", "SIGNAL_FRAME", "bits/signal.h", [
    "uint32_t return_address", "uint32_t handler", "uint32_t signal", "sigset_t old_mask",
    "uint32_t edi", "uint32_t esi", "uint32_t ebp", "uint32_t esp", "uint32_t ebx", "uint32_t edx",
    "uint32_t ecx", "uint32_t eax", "uint32_t eip", "uint32_t eflags", "siginfo_t* info", "ucontext_t* context",
    "uint8_t fpu_state[SIGNAL_FPU_STATE_BYTES]", "siginfo_t info_storage", "ucontext_t context_storage"]],
  ["struct sched_param", "SCHED_PARAM", "bits/sched.h", ["int sched_priority"]],
  ["struct tms", "TMS", "bits/times.h", [
    "clock_t tms_utime", "clock_t tms_stime", "clock_t tms_cutime", "clock_t tms_cstime"]],
  ["struct termios", "TERMIOS", "bits/termios.h", [
    "tcflag_t c_iflag", "tcflag_t c_oflag", "tcflag_t c_cflag", "tcflag_t c_lflag", "cc_t c_cc[NCCS]",
    "speed_t c_ispeed", "speed_t c_ospeed"]],
  ["struct flock", "FLOCK", "bits/fcntl.h", [
    "short l_type", "short l_whence", "off_t l_start", "off_t l_len", "pid_t l_pid"]],
  ["struct in_addr", "IN_ADDR", "bits/socket.h", ["uint32_t s_addr"]],
  ["struct sockaddr_in", "SOCKADDR_IN", "bits/socket.h", [
    "int16_t sin_family", "uint16_t sin_port", "struct in_addr sin_addr", "char sin_zero[8]"]],
  ["struct winsize", "WINSIZE", "bits/ioctl.h", [
    "unsigned short ws_row", "unsigned short ws_col", "unsigned short ws_xpixel", "unsigned short ws_ypixel"]],
  ["struct utsname", "UTSNAME", "bits/utsname.h", [
    "char sysname[UTSNAME_ENTRY_LEN]", "char nodename[UTSNAME_ENTRY_LEN]", "char release[UTSNAME_ENTRY_LEN]",
    "char version[UTSNAME_ENTRY_LEN]", "char machine[UTSNAME_ENTRY_LEN]"]],
  ["struct pollfd", "POLLFD", "bits/poll.h", ["int fd", "short events", "short revents"]],
  ["struct iovec", "IOVEC", "bits/uio.h", ["void* iov_base", "size_t iov_len"]],
  // get_dir_entries fills the buffer with these headers, each followed by name_length name bytes.
  // read(2) of an inode watcher returns these, each followed by its name (name_length bytes, NUL included).
  ["packed struct inode_watcher_event", "INODE_WATCHER_EVENT", "bits/inode_watcher.h", [
    "int watch_descriptor", "uint32_t type", "size_t name_length", "char name[]"]],
  ["packed struct __dir_entry_record", "DIR_ENTRY_RECORD", "bits/dirent.h", [
    "ino_t ino", "uint8_t type", "size_t name_length"]],
];
