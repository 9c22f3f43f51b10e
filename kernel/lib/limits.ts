// Sizes of the kernel's fixed process tables (no allocation after boot).

/** Process slots: the fork test keeps 1000 children (zombies included) at once. */
export const MAX_PROCESSES: number = 1100;
/** Thread slots; slot 0 is the idle thread. */
export const MAX_THREADS: number = 1100;
/** Inode slots, shared by every file system (ramfs directories index their entries by them too). */
export const MAX_INODES: number = 8192;
/** Pids run from 1 to PID_MAX - 1 and are reused after wrapping. */
export const PID_MAX: number = 32768;
/** Nodes of every process's unveil tree together (kernel/fs/veil.ts; a full table gives unveil and fork ENOMEM). */
export const VEIL_NODES: number = 512;
