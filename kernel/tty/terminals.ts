// The terminal numbers every table of this folder is indexed by: the two
// consoles, then one per pseudo-terminal slave.

/** The serial line: COM1 in and out (/dev/ttyS0, and /dev/console). */
export const TERMINAL_SERIAL: number = 0;
/** The VGA console: PS/2 keyboard in, VGA text out (/dev/tty0). */
export const TERMINAL_VGA: number = 1;
/** The terminal of pty pair 0 (/dev/pts/0); pair N has FIRST_PTY_TERMINAL + N. */
export const FIRST_PTY_TERMINAL: number = 2;
/** Pseudo-terminal pairs, as many as the reference's PTYMultiplexer offers. */
export const PTY_COUNT: number = 8;
export const TERMINALS: number = FIRST_PTY_TERMINAL + PTY_COUNT;
