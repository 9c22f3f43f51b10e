/* <poll.h>: poll/ppoll over poll [66] (SC_poll_params). */
#ifndef _POLL_H
#define _POLL_H

#include <signal.h>
#include <time.h>

#define POLLIN (1u << 0)
#define POLLRDNORM POLLIN
#define POLLPRI (1u << 1)
#define POLLOUT (1u << 2)
#define POLLWRNORM POLLOUT
#define POLLERR (1u << 3)
#define POLLHUP (1u << 4)
#define POLLNVAL (1u << 5)
#define POLLRDHUP (1u << 13)

struct pollfd {
    int fd;
    short events;
    short revents;
};

typedef unsigned nfds_t;

/* timeout in ms; negative waits forever. */
int poll(struct pollfd* fds, nfds_t nfds, int timeout);
int ppoll(struct pollfd* fds, nfds_t nfds, const struct timespec* timeout, const sigset_t* sigmask);

#endif
