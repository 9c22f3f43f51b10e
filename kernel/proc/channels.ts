// Every wait channel the kernel sleeps on (sleepOn/wakeup in scheduler.ts),
// declared in one place so that no two owners pick the same numbers. A
// channel is a number; 0 means "on no channel". Per-object channels are a
// base plus the object's slot, so each range holds up to 0x10000 objects.

/** Any descriptor may have become ready: select/poll sleep here. */
export const POLL_CHANNEL: number = 0x30000;

const CHILD_CHANNEL_BASE: number = 0x10000;
const PIPE_CHANNEL_BASE: number = 0x20000;
const WATCHER_CHANNEL_BASE: number = 0x40000;
const STOP_CHANNEL_BASE: number = 0x50000;
const TERMINAL_INPUT_CHANNEL_BASE: number = 0x60000;
const TERMINAL_OUTPUT_CHANNEL_BASE: number = 0x70000;
const JOIN_CHANNEL_BASE: number = 0x80000;
const THREADS_GONE_CHANNEL_BASE: number = 0x90000;
const FUTEX_CHANNEL_BASE: number = 0xa0000;

/** A child of the process in parentSlot changed state (wait). */
export const childChannel = (parentSlot: number): number => CHILD_CHANNEL_BASE + parentSlot;
/** Data or room in a pipe, or its other end opened or closed. */
export const pipeChannel = (pipe: number): number => PIPE_CHANNEL_BASE + pipe;
/** An inode watcher has events. */
export const watcherChannel = (watcher: number): number => WATCHER_CHANNEL_BASE + watcher;
/** The stopped process in slot may run again (SIGCONT) or must die (SIGKILL). */
export const stopChannel = (slot: number): number => STOP_CHANNEL_BASE + slot;
/** The thread in slot ended (join_thread waits here). */
export const joinChannel = (thread: number): number => JOIN_CHANNEL_BASE + thread;
/** A thread of the process in slot ended (execve waits here for the others to go). */
export const threadsGoneChannel = (slot: number): number => THREADS_GONE_CHANNEL_BASE + slot;
/** The thread in slot waits on a futex: only a wake of that futex (or a signal, or its deadline) ends it. */
export const futexChannel = (thread: number): number => FUTEX_CHANNEL_BASE + thread;
/** A terminal has input to read, or was hung up (tty/tty.ts). */
export const terminalInputChannel = (terminal: number): number => TERMINAL_INPUT_CHANNEL_BASE + terminal;
/** A pty terminal's output ring has bytes for its master or room for its writers, or a side closed. */
export const terminalOutputChannel = (terminal: number): number => TERMINAL_OUTPUT_CHANNEL_BASE + terminal;
