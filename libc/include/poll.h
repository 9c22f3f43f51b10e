/* <poll.h>: poll/ppoll over poll [66] (SC_poll_params). */
#ifndef _POLL_H
#define _POLL_H

#include <signal.h>
#include <time.h>
#include <bits/poll.h>

#define POLLRDNORM POLLIN
#define POLLWRNORM POLLOUT

typedef unsigned nfds_t;

/* timeout in ms; negative waits forever. */
int poll(struct pollfd* fds, nfds_t nfds, int timeout);
int ppoll(struct pollfd* fds, nfds_t nfds, const struct timespec* timeout, const sigset_t* sigmask);

#endif
