/* Sockets (see <sys/socket.h>): every call marshals its arguments, nothing more. */
#include <errno.h>
#include <sys/socket.h>
#include <syscall.h>

int socket(int domain, int type, int protocol)
{
    int rc = syscall3(SC_socket, (uintptr_t)domain, (uintptr_t)type, (uintptr_t)protocol);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int bind(int sockfd, const struct sockaddr* addr, socklen_t addrlen)
{
    int rc = syscall3(SC_bind, (uintptr_t)sockfd, (uintptr_t)addr, addrlen);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int listen(int sockfd, int backlog)
{
    int rc = syscall2(SC_listen, (uintptr_t)sockfd, (uintptr_t)backlog);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int accept4(int sockfd, struct sockaddr* addr, socklen_t* addrlen, int flags)
{
    SC_accept4_params params = { sockfd, addr, addrlen, flags };
    int rc = syscall1(SC_accept4, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int accept(int sockfd, struct sockaddr* addr, socklen_t* addrlen)
{
    return accept4(sockfd, addr, addrlen, 0);
}

int connect(int sockfd, const struct sockaddr* addr, socklen_t addrlen)
{
    int rc = syscall3(SC_connect, (uintptr_t)sockfd, (uintptr_t)addr, addrlen);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int shutdown(int sockfd, int how)
{
    int rc = syscall2(SC_shutdown, (uintptr_t)sockfd, (uintptr_t)how);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

ssize_t sendmsg(int sockfd, const struct msghdr* msg, int flags)
{
    int rc = syscall3(SC_sendmsg, (uintptr_t)sockfd, (uintptr_t)msg, (uintptr_t)flags);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

ssize_t recvmsg(int sockfd, struct msghdr* msg, int flags)
{
    int rc = syscall3(SC_recvmsg, (uintptr_t)sockfd, (uintptr_t)msg, (uintptr_t)flags);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

ssize_t sendto(int sockfd, const void* buf, size_t len, int flags, const struct sockaddr* addr, socklen_t addrlen)
{
    struct iovec iov = { (void*)buf, len };
    struct msghdr msg = { (void*)addr, addrlen, &iov, 1, NULL, 0, 0 };
    return sendmsg(sockfd, &msg, flags);
}

ssize_t send(int sockfd, const void* buf, size_t len, int flags)
{
    return sendto(sockfd, buf, len, flags, NULL, 0);
}

ssize_t recvfrom(int sockfd, void* buf, size_t len, int flags, struct sockaddr* addr, socklen_t* addrlen)
{
    if (!addrlen && addr) {
        errno = EINVAL;
        return -1;
    }
    struct iovec iov = { buf, len };
    struct msghdr msg = { addr, addrlen ? *addrlen : 0, &iov, 1, NULL, 0, 0 };
    ssize_t rc = recvmsg(sockfd, &msg, flags);
    if (rc >= 0 && addrlen)
        *addrlen = msg.msg_namelen;
    return rc;
}

ssize_t recv(int sockfd, void* buf, size_t len, int flags)
{
    return recvfrom(sockfd, buf, len, flags, NULL, NULL);
}

int getsockopt(int sockfd, int level, int option, void* value, socklen_t* value_size)
{
    SC_getsockopt_params params = { sockfd, level, option, value, value_size };
    int rc = syscall1(SC_getsockopt, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int setsockopt(int sockfd, int level, int option, const void* value, socklen_t value_size)
{
    SC_setsockopt_params params = { sockfd, level, option, value, value_size };
    int rc = syscall1(SC_setsockopt, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int getsockname(int sockfd, struct sockaddr* addr, socklen_t* addrlen)
{
    SC_getsockname_params params = { sockfd, addr, addrlen };
    int rc = syscall1(SC_getsockname, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int getpeername(int sockfd, struct sockaddr* addr, socklen_t* addrlen)
{
    SC_getpeername_params params = { sockfd, addr, addrlen };
    int rc = syscall1(SC_getpeername, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int socketpair(int domain, int type, int protocol, int sv[2])
{
    SC_socketpair_params params = { domain, type, protocol, sv };
    int rc = syscall1(SC_socketpair, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int sendfd(int sockfd, int fd)
{
    int rc = syscall2(SC_sendfd, (uintptr_t)sockfd, (uintptr_t)fd);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int recvfd(int sockfd, int options)
{
    int rc = syscall2(SC_recvfd, (uintptr_t)sockfd, (uintptr_t)options);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}
