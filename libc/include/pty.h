/*
 * BSD's pseudo-terminal helpers over /dev/ptmx (as the reference's
 * LibC/pty.h): openpty opens a master and its slave, applying termp and
 * winp when not NULL and copying the slave's name to name when not NULL
 * (at least 32 bytes); forkpty also forks a child whose session is new,
 * with the slave as its controlling terminal and its stdin, stdout and
 * stderr. 0 (openpty), the child's pid or 0 in the child (forkpty), or -1.
 */
#ifndef _PTY_H
#define _PTY_H

#include <sys/ioctl.h>
#include <sys/types.h>
#include <termios.h>

int openpty(int* amaster, int* aslave, char* name, const struct termios* termp, const struct winsize* winp);
pid_t forkpty(int* amaster, char* name, const struct termios* termp, const struct winsize* winp);
int login_tty(int fd);

#endif
