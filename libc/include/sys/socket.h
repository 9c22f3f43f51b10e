/*
 * <sys/socket.h>: the socket syscalls socket [69], bind [70], accept4 [71],
 * listen [72], connect [73], sendmsg [78], recvmsg [79], getsockopt [80],
 * setsockopt [81], getsockname [90], getpeername [91], socketpair [92],
 * shutdown [132], sendfd [135], recvfd [136]; send/sendto and
 * recv/recvfrom are built on sendmsg/recvmsg with one iovec, as the
 * reference LibC does. The constants are declared once in kernel/api/
 * (<bits/socket.h>, docs/abi.md).
 */
#ifndef _SYS_SOCKET_H
#define _SYS_SOCKET_H

#include <sys/types.h>
#include <sys/uio.h>

typedef uint32_t socklen_t;
typedef uint16_t sa_family_t;

#include <bits/socket.h>

struct sockaddr {
    sa_family_t sa_family;
    char sa_data[14];
};

struct ucred {
    pid_t pid;
    uid_t uid;
    gid_t gid;
};

struct msghdr {
    void* msg_name;
    socklen_t msg_namelen;
    struct iovec* msg_iov;
    int msg_iovlen; /* the reference accepts exactly 1 (else ENOTSUP) */
    void* msg_control;
    socklen_t msg_controllen;
    int msg_flags;
};

struct cmsghdr {
    socklen_t cmsg_len;
    int cmsg_level;
    int cmsg_type;
};

int socket(int domain, int type, int protocol);
int bind(int sockfd, const struct sockaddr* addr, socklen_t addrlen);
int listen(int sockfd, int backlog);
int accept(int sockfd, struct sockaddr* addr, socklen_t* addrlen);
int accept4(int sockfd, struct sockaddr* addr, socklen_t* addrlen, int flags);
int connect(int sockfd, const struct sockaddr* addr, socklen_t addrlen);
int shutdown(int sockfd, int how);
ssize_t send(int sockfd, const void* buf, size_t len, int flags);
ssize_t sendto(int sockfd, const void* buf, size_t len, int flags, const struct sockaddr* addr, socklen_t addrlen);
ssize_t sendmsg(int sockfd, const struct msghdr* msg, int flags);
ssize_t recv(int sockfd, void* buf, size_t len, int flags);
ssize_t recvfrom(int sockfd, void* buf, size_t len, int flags, struct sockaddr* addr, socklen_t* addrlen);
ssize_t recvmsg(int sockfd, struct msghdr* msg, int flags);
int getsockopt(int sockfd, int level, int option, void* value, socklen_t* value_size);
int setsockopt(int sockfd, int level, int option, const void* value, socklen_t value_size);
int getsockname(int sockfd, struct sockaddr* addr, socklen_t* addrlen);
int getpeername(int sockfd, struct sockaddr* addr, socklen_t* addrlen);
int socketpair(int domain, int type, int protocol, int sv[2]);
/* SerenityOS: pass an fd over a local socket. */
int sendfd(int sockfd, int fd);
int recvfd(int sockfd, int options);

#endif
